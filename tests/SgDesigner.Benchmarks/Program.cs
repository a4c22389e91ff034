using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/SgDesigner.Benchmarks -- --filter '*'
// BenchmarkDotNet builds a separate project per run; on a loaded two-core machine that can take longer
// than its default two minutes, so allow ten.
var config = ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(10));
BenchmarkSwitcher.FromAssembly(typeof(SgDesigner.Benchmarks.EngineBenchmarks).Assembly).Run(args, config);
