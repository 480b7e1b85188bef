using NetiquetteML.Service.Hosting;

await ServiceApp.Build(args).RunAsync();

/// <summary>The entry point, public for WebApplicationFactory in the tests.</summary>
public partial class Program;
