using NetiquetteML.Service.Benchmarks;
using NetiquetteML.Service.Hosting;

// `dotnet run --project Service -c Release` serves; `... -- bench` measures the service on loopback.
if (args.Length > 0 && args[0] == "bench") return await LoadBenchmark.RunAsync(args[1..]);

await ServiceApp.Build(args).RunAsync();
return 0;

/// <summary>The entry point (top-level statements above).</summary>
public partial class Program;
