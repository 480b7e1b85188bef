using NetiquetteML.Training;

return await Cli.RunAsync(args, CancellationToken.None);
