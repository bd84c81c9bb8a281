using System.Globalization;
using BenchmarkDotNet.Reports;
using ScottPlot;

namespace Functional.Benchmarks;

/// <summary>Writes bench/scaling.png from the scaling summaries and prints their markdown tables.</summary>
internal static class ScalingChart
{
    private sealed record Row(string Series, int Size, double MedianNs, long AllocatedBytes);

    public static void Write(IEnumerable<Summary> summaries, bool smoke)
    {
        var rows = summaries
            .SelectMany(s => s.Reports)
            .Where(r => r.ResultStatistics is not null)
            .Select(r =>
            {
                var c = r.BenchmarkCase;
                var size = Convert.ToInt32(
                    c.Parameters.Items[0].Value,
                    CultureInfo.InvariantCulture
                );
                var allocated = r.GcStats.GetBytesAllocatedPerOperation(c) ?? 0;
                return new Row(
                    $"{c.Descriptor.Type.Name.Replace("Benchmark", "", StringComparison.Ordinal)}.{c.Descriptor.WorkloadMethod.Name}",
                    size,
                    r.ResultStatistics!.Median,
                    allocated
                );
            })
            .OrderBy(r => r.Series, StringComparer.Ordinal)
            .ThenBy(r => r.Size)
            .ToList();

        foreach (var group in rows.GroupBy(r => r.Series))
        {
            var first = group.First();
            Console.WriteLine();
            Console.WriteLine($"#### {group.Key}");
            Console.WriteLine();
            Console.WriteLine("| size | median | per item | allocated | growth vs previous size |");
            Console.WriteLine("|---:|---:|---:|---:|---:|");
            Row? previous = null;
            foreach (var r in group)
            {
                var growth = previous is null
                    ? "—"
                    : $"× {r.MedianNs / previous.MedianNs:0.0} for × {(double)r.Size / previous.Size:0}";
                Console.WriteLine(
                    $"| {r.Size:N0} | {Time(r.MedianNs)} | {Time(r.MedianNs / r.Size)} | {Bytes(r.AllocatedBytes)} | {growth} |"
                );
                previous = r;
            }
            _ = first;
        }

        var root = RepositoryRoot();
        var path = Path.Combine(root, "bench", smoke ? "scaling-smoke.png" : "scaling.png");
        var multiplot = new Multiplot();
        multiplot.AddPlots(2);
        Panel(
            multiplot.GetPlot(0),
            "One Platform: build + serialize + parse one batch",
            "calls in the batch",
            rows.Where(r => r.Series.StartsWith("OnePlatform", StringComparison.Ordinal))
        );
        Panel(
            multiplot.GetPlot(1),
            "SIS emulator: collection size",
            "entities in the collection",
            rows.Where(r => r.Series.StartsWith("Sis", StringComparison.Ordinal))
        );
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Columns();
        multiplot.SavePng(path, 1400, 600);
        Console.WriteLine();
        Console.WriteLine($"chart: {path}");
    }

    private static void Panel(Plot plot, string title, string xLabel, IEnumerable<Row> rows)
    {
        plot.Title(title);
        plot.XLabel(xLabel + " (log)");
        plot.YLabel("median time, µs (log)");
        foreach (var series in rows.GroupBy(r => r.Series))
        {
            var xs = series.Select(r => Math.Log10(r.Size)).ToArray();
            var ys = series.Select(r => Math.Log10(r.MedianNs / 1000.0)).ToArray();
            var scatter = plot.Add.Scatter(xs, ys);
            scatter.LegendText = series.Key[
                (series.Key.IndexOf('.', StringComparison.Ordinal) + 1)..
            ];
            scatter.MarkerSize = 8;
            scatter.LineWidth = 2;
            // A dashed line of slope 1 through the first point: what linear growth would look like.
            var linear = plot.Add.Scatter(
                new[] { xs[0], xs[^1] },
                new[] { ys[0], ys[0] + (xs[^1] - xs[0]) }
            );
            linear.LinePattern = LinePattern.Dashed;
            linear.Color = scatter.Color.WithAlpha(0.4);
            linear.MarkerSize = 0;
        }
        foreach (var axis in new IAxis[] { plot.Axes.Left, plot.Axes.Bottom })
        {
            var ticks = new ScottPlot.TickGenerators.NumericAutomatic
            {
                MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
                IntegerTicksOnly = true,
                LabelFormatter = v =>
                    Math.Pow(10, v).ToString("#,0.###", CultureInfo.InvariantCulture),
            };
            axis.TickGenerator = ticks;
        }
        plot.ShowLegend(Alignment.UpperLeft);
        plot.Legend.FontSize = 11;
    }

    private static string RepositoryRoot()
    {
        for (
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            dir is not null;
            dir = dir.Parent
        )
            if (File.Exists(Path.Combine(dir.FullName, "Functional.sln")))
                return dir.FullName;
        for (
            var dir = new DirectoryInfo(Environment.CurrentDirectory);
            dir is not null;
            dir = dir.Parent
        )
            if (File.Exists(Path.Combine(dir.FullName, "Functional.sln")))
                return dir.FullName;
        return Environment.CurrentDirectory;
    }

    internal static string Time(double ns) =>
        ns switch
        {
            < 1_000 => $"{ns:0.0} ns",
            < 1_000_000 => $"{ns / 1_000:0.00} µs",
            < 1_000_000_000 => $"{ns / 1_000_000:0.00} ms",
            _ => $"{ns / 1_000_000_000:0.00} s",
        };

    internal static string Bytes(long b) =>
        b switch
        {
            < 1024 => $"{b} B",
            < 1024 * 1024 => $"{b / 1024.0:0.0} KB",
            _ => $"{b / 1024.0 / 1024.0:0.00} MB",
        };
}
