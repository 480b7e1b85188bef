using System.Text.Json;
using NetiquetteML.Tests.Support;

namespace NetiquetteML.Tests.Service.Support;

/// <summary>
/// Validates JSON against a schema of an OpenAPI 3.0 document: the subset Perspective's published
/// contract uses ($ref, type, properties, additionalProperties, items, enum, int32/float formats).
/// Strict: a property the schema does not declare is an error too, so the service cannot answer
/// with fields a Perspective client has never seen.
/// </summary>
public sealed class OpenApiContract
{
    private readonly JsonElement _schemas;

    private OpenApiContract(JsonDocument document)
    {
        Document = document;
        _schemas = document.RootElement.GetProperty("components").GetProperty("schemas");
    }

    public JsonDocument Document { get; }

    /// <summary>The shared contract: shared/ sits beside the repository (../shared), read-only in CI.</summary>
    public static string PerspectivePath => Path.GetFullPath(Path.Combine(Repo.Root, "..", "shared", "contracts", "perspective-commentanalyzer-v1alpha1.json"));

    public static OpenApiContract Perspective { get; } = File.Exists(PerspectivePath)
        ? new(JsonDocument.Parse(File.ReadAllText(PerspectivePath)))
        : throw new FileNotFoundException($"Perspective's contract is read from the shared folder beside the repository, and {PerspectivePath} does not exist.", PerspectivePath);

    public IReadOnlyList<string> Validate(JsonElement instance, string schemaName)
    {
        var errors = new List<string>();
        Check(instance, _schemas.GetProperty(schemaName), "$", errors);
        return errors;
    }

    public IReadOnlyList<string> Validate(string json, string schemaName)
    {
        using var document = JsonDocument.Parse(json);
        return Validate(document.RootElement, schemaName);
    }

    private void Check(JsonElement value, JsonElement schema, string path, List<string> errors)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!.Split('/')[^1];
            Check(value, _schemas.GetProperty(name), path, errors);
            return;
        }
        var type = schema.TryGetProperty("type", out var t) ? t.GetString() : null;
        switch (type)
        {
            case "object":
                if (value.ValueKind != JsonValueKind.Object) { errors.Add($"{path}: expected an object, got {value.ValueKind}"); return; }
                var properties = schema.TryGetProperty("properties", out var p) ? p : default;
                var additional = schema.TryGetProperty("additionalProperties", out var a) ? a : default;
                foreach (var property in value.EnumerateObject())
                {
                    var at = $"{path}.{property.Name}";
                    if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(property.Name, out var propertySchema))
                        Check(property.Value, propertySchema, at, errors);
                    else if (additional.ValueKind == JsonValueKind.Object)
                        Check(property.Value, additional, at, errors);
                    else
                        errors.Add($"{at}: not declared by the contract");
                }
                break;
            case "array":
                if (value.ValueKind != JsonValueKind.Array) { errors.Add($"{path}: expected an array, got {value.ValueKind}"); return; }
                var i = 0;
                foreach (var item in value.EnumerateArray()) Check(item, schema.GetProperty("items"), $"{path}[{i++}]", errors);
                break;
            case "string":
                if (value.ValueKind != JsonValueKind.String) { errors.Add($"{path}: expected a string, got {value.ValueKind}"); return; }
                if (schema.TryGetProperty("enum", out var values) && !values.EnumerateArray().Any(v => v.GetString() == value.GetString()))
                    errors.Add($"{path}: '{value.GetString()}' is not one of the contract's values");
                break;
            case "boolean":
                if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) errors.Add($"{path}: expected a boolean, got {value.ValueKind}");
                break;
            case "integer":
                if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out _)) errors.Add($"{path}: expected an int32, got {value}");
                break;
            case "number":
                if (value.ValueKind != JsonValueKind.Number || !double.IsFinite(value.GetDouble())) errors.Add($"{path}: expected a finite number, got {value}");
                else if (schema.TryGetProperty("format", out var f) && f.GetString() == "float" && Math.Abs(value.GetDouble()) > float.MaxValue)
                    errors.Add($"{path}: {value} does not fit a float");
                break;
            default:
                errors.Add($"{path}: the schema has a type this validator does not know ({type ?? "none"})");
                break;
        }
    }
}
