using Microsoft.Extensions.Hosting;

namespace Functional.Emulators.OnePlatform.Http;

/// <summary>
/// A host lifetime that ignores console signals: an emulator embedded in a test process must not react to
/// Ctrl+C/SIGTERM on its own. The standalone command handles signals itself and disposes the emulator.
/// </summary>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
