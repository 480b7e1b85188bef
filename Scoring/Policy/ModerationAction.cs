namespace NetiquetteML.Scoring.Policy;

/// <summary>What the moderation app should do with the comment.</summary>
public enum ModerationAction
{
    /// <summary>Publish: nothing breaks the netiquette as far as the scorer can tell.</summary>
    Allow,
    /// <summary>Send to a human moderator.</summary>
    Review,
    /// <summary>Hide or remove: the scorer is confident the netiquette is broken.</summary>
    Remove,
}
