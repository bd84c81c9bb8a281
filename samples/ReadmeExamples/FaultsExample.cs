// README: "Testing against a misbehaving server"
using Functional.Emulators.Faults;
using Functional.Emulators.OnePlatform;

namespace Functional.Samples.ReadmeExamples;

public static class FaultsExample
{
    public static async Task<long> RunAsync()
    {
        await using var emu = await OnePlatformEmulator.StartAsync(
            new OnePlatformEmulatorOptions
            {
                Faults = new FaultOptions
                {
                    Rules =
                    [
                        new FaultRule(new Fault.ResetAfter(), 0.1) { Procedure = "write" },
                        new FaultRule(new Fault.Latency(TimeSpan.FromMilliseconds(200)), 0.5)
                        {
                            PathPrefix = "/provision/",
                        },
                        FaultRule.Parse("status=503:0.05:GET /provision/manage/model/"),
                    ],
                    Seed = 42,
                },
            }
        );
        // ... later: emu.Faults.Requests, emu.Faults.Total, emu.Faults.Of(FaultKind.ResetAfter), emu.Faults.ByRule[0]
        return emu.Faults.Total;
    }
}
