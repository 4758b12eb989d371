using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// Quick mode (default): in-process, 3 warm-ups, 15 measured iterations — a few minutes for S1 + S2 on three engines.
// Full mode: pass --full for BenchmarkDotNet's default job (separate process, until results are stable).
// S3 (bulk load) is timed in whole seconds by its own harness: dotnet run -c Release -- s3 [--rows N] [--runs N]
if (args.FirstOrDefault() == "s3") return await NexuSql.Benchmarks.BulkLoadScenario.RunAsync(args[1..]);
var full = args.Contains("--full");
var rest = args.Where(a => a != "--full").ToArray();
var job = full
    ? Job.Default
    : Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(3).WithIterationCount(15).WithLaunchCount(1);
var config = DefaultConfig.Instance.AddJob(job.AsDefault()).WithOptions(ConfigOptions.DisableOptimizationsValidator);
BenchmarkSwitcher.FromAssembly(typeof(NexuSql.Benchmarks.BenchDatabase).Assembly).Run(rest, config);
return 0;
