using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Neon.Api.Benchmarks.ClientBenchmarks).Assembly).Run(args);
