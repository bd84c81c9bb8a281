using System.Diagnostics;
using System.Globalization;

namespace Functional.Cli.Output;

/// <summary>
/// A progress bar on standard error, drawn only when standard error is a terminal (never in pipes, files or
/// tests), redrawn at most ten times a second, and erased when disposed.
/// </summary>
internal sealed class ProgressBar : IDisposable
{
    private const int BarWidth = 30;
    private readonly TextWriter? error;
    private readonly string label;
    private readonly long? total;
    private readonly Stopwatch sinceDraw = Stopwatch.StartNew();
    private long done;
    private bool drawn;

    /// <summary>Starts a bar for <paramref name="label"/>; <paramref name="total"/> null when the amount is unknown.</summary>
    public ProgressBar(CliHost host, string label, long? total, bool enabled = true)
    {
        error = enabled && host.ErrorIsTerminal ? host.Error : null;
        this.label = label;
        this.total = total;
    }

    /// <summary>How much is done so far.</summary>
    public long Done => Interlocked.Read(ref done);

    /// <summary>Whether the bar is drawn at all.</summary>
    public bool Visible => error is not null;

    /// <summary>Records <paramref name="count"/> more units done.</summary>
    public void Advance(long count = 1)
    {
        var now = Interlocked.Add(ref done, count);
        if (error is null || (sinceDraw.ElapsedMilliseconds < 100 && now != total))
        {
            return;
        }
        sinceDraw.Restart();
        Draw(now);
    }

    private void Draw(long now)
    {
        string text;
        if (total is { } t && t > 0)
        {
            var filled = (int)Math.Min(BarWidth, now * BarWidth / t);
            text = string.Create(
                CultureInfo.InvariantCulture,
                $"\r{label} [{new string('#', filled)}{new string('.', BarWidth - filled)}] {now}/{t}"
            );
        }
        else
        {
            text = string.Create(CultureInfo.InvariantCulture, $"\r{label} {now}…");
        }
        lock (sinceDraw)
        {
            error!.Write(text);
            error.Flush();
            drawn = true;
        }
    }

    /// <summary>Erases the bar.</summary>
    public void Dispose()
    {
        if (error is not null && drawn)
        {
            lock (sinceDraw)
            {
                error.Write("\r\u001b[2K");
                error.Flush();
            }
        }
    }
}
