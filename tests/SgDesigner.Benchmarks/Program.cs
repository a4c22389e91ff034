using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/SgDesigner.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(SgDesigner.Benchmarks.EngineBenchmarks).Assembly).Run(args);
