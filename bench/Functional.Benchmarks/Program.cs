using System.Text.RegularExpressions;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Functional.Benchmarks;

// Modes (see bench/README.md):
//   --smoke              every benchmark once (dry job, small scaling sizes); for CI, exit 0 when all ran
//   --filter <glob>...   the benchmarks whose Namespace.Class.Method matches (e.g. '*', '*Sis*'); short jobs
//   --chart              runs the scaling series, writes bench/scaling.png and prints markdown tables
//   --list               prints the benchmark names
var smoke = args.Contains("--smoke");
var chart = args.Contains("--chart");
Fixtures.Smoke = smoke;

Type[] all =
[
    typeof(OnePlatformReadBenchmark),
    typeof(OnePlatformWriteBatchBenchmark),
    typeof(SisParsePageBenchmark),
    typeof(SisQueryBuildBenchmark),
    typeof(ClientOverheadBenchmark),
    typeof(OnePlatformEmulatorWriteBenchmark),
    typeof(SisEmulatorQueryBenchmark),
    typeof(SisEmulatorBulkInsertBenchmark),
    typeof(OnePlatformBatchScalingBenchmark),
    typeof(SisScalingBenchmark),
];
Type[] scaling = [typeof(OnePlatformBatchScalingBenchmark), typeof(SisScalingBenchmark)];

if (args.Contains("--list"))
{
    foreach (var type in all)
    foreach (
        var method in type.GetMethods().Where(m => m.IsDefined(typeof(BenchmarkAttribute), false))
    )
        Console.WriteLine($"{type.FullName}.{method.Name}");
    return 0;
}

var patterns = Filters(args);
if (!smoke && !chart && patterns.Count == 0)
{
    Console.Error.WriteLine(
        "usage: -- --smoke | --chart | --filter <glob> [<glob>...] | --list   (see bench/README.md)"
    );
    return 2;
}

var types = chart ? scaling : all;
var runs = types
    .Select(type => BenchmarkConverter.TypeToBenchmarks(type, ConfigFor(type, smoke)))
    .Select(run =>
        patterns.Count == 0
            ? run
            : new BenchmarkRunInfo(
                run.BenchmarksCases.Where(c => patterns.Any(p => p.IsMatch(NameOf(c)))).ToArray(),
                run.Type,
                run.Config
            )
    )
    .Where(run => run.BenchmarksCases.Length > 0)
    .ToArray();
if (runs.Length == 0)
{
    Console.Error.WriteLine("no benchmark matches the filter (try --list)");
    return 2;
}

var summaries = BenchmarkRunner.Run(runs);
var failed = summaries.SelectMany(s => s.Reports).Where(r => !r.Success).ToList();
foreach (var report in failed)
    Console.Error.WriteLine(
        $"FAILED: {NameOf(report.BenchmarkCase)} {report.BenchmarkCase.Parameters.DisplayInfo}"
    );
var missing = summaries.Sum(s => s.BenchmarksCases.Length) - summaries.Sum(s => s.Reports.Length);
if (failed.Count > 0 || missing > 0 || summaries.Any(s => s.HasCriticalValidationErrors))
{
    Console.Error.WriteLine($"{failed.Count} benchmark(s) failed, {missing} did not run");
    return 1;
}

if (chart)
    ScalingChart.Write(summaries, smoke);
Console.WriteLine(
    smoke
        ? $"smoke: {summaries.Sum(s => s.Reports.Length)} benchmark(s) ran once, all succeeded"
        : $"{summaries.Sum(s => s.Reports.Length)} benchmark(s) done"
);
return 0;

static string NameOf(BenchmarkDotNet.Running.BenchmarkCase c) =>
    $"{c.Descriptor.Type.FullName}.{c.Descriptor.WorkloadMethod.Name}";

static List<Regex> Filters(string[] args)
{
    var list = new List<Regex>();
    for (var i = 0; i < args.Length; i++)
    {
        if (args[i] is not ("--filter" or "-f"))
            continue;
        for (i++; i < args.Length && !args[i].StartsWith("--", StringComparison.Ordinal); i++)
            list.Add(
                new Regex(
                    "^" + Regex.Escape(args[i]).Replace(@"\*", ".*").Replace(@"\?", ".") + "$",
                    RegexOptions.IgnoreCase
                )
            );
        i--;
    }
    return list;
}

// Benchmarks run in this process (the in-process emit toolchain): no generated project is built per run, so a run
// starts at once and uses this build (Release via `dotnet run -c Release`). Slow benchmarks (emulators, 10,000-entity
// bodies) get fewer iterations.
static IConfig ConfigFor(Type type, bool smoke)
{
    var slow =
        type == typeof(SisParsePageBenchmark)
        || type == typeof(ClientOverheadBenchmark)
        || type == typeof(SisEmulatorQueryBenchmark)
        || type == typeof(SisEmulatorBulkInsertBenchmark)
        || type == typeof(SisScalingBenchmark)
        || type == typeof(OnePlatformEmulatorWriteBenchmark);
    var job =
        smoke ? Job.Dry
        : slow ? Job.Default.WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(7)
        : Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(10);
    if (type == typeof(SisEmulatorBulkInsertBenchmark))
        job = job.WithInvocationCount(1).WithUnrollFactor(1);
    job = job.WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: true))
        .WithId(
            smoke ? "Smoke"
            : slow ? "Slow"
            : "Short"
        );
    return ManualConfig
        .CreateMinimumViable()
        .AddJob(job)
        .AddDiagnoser(MemoryDiagnoser.Default)
        .AddColumn(BenchmarkDotNet.Columns.StatisticColumn.Median)
        .AddExporter(BenchmarkDotNet.Exporters.MarkdownExporter.GitHub)
        .WithOption(ConfigOptions.DisableLogFile, false)
        .WithSummaryStyle(SummaryStyle.Default.WithMaxParameterColumnWidth(20));
}
