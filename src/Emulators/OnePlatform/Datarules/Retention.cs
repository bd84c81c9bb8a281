using Functional.Emulators.OnePlatform.Json;
using Functional.Emulators.OnePlatform.Model;

namespace Functional.Emulators.OnePlatform.Datarules;

/// <summary>
/// Enforces a series' <c>retention</c> after each write: at most <c>count</c> newest points (0 keeps nothing) and
/// nothing older than <c>duration</c> hours before now; "infinity" disables either bound.
/// </summary>
internal static class Retention
{
    public static void Apply(Resource resource, long now)
    {
        if (resource.Description["retention"] is not System.Text.Json.Nodes.JsonObject retention)
        {
            return;
        }
        if (JsonArgs.TryLong(retention["count"], out var count) && count >= 0)
        {
            while (resource.Points.Count > count)
            {
                resource.Points.RemoveAt(0);
            }
        }
        if (JsonArgs.TryDouble(retention["duration"], out var hours) && hours >= 0)
        {
            var cutoff = now - (long)Math.Ceiling(hours * 3600);
            while (resource.Points.Count > 0 && resource.Points.Keys[0] < cutoff)
            {
                resource.Points.RemoveAt(0);
            }
        }
    }
}
