namespace Functional.Emulators.Provisioning;

/// <summary>One serial number of a model (§3.2, §3.3), the client enabled for it and its activation log.</summary>
internal sealed class SerialNumber(string sn, string extra)
{
    public string Sn { get; } = sn;

    public string Extra { get; } = extra;

    /// <summary>The RID of the client created by <c>enable=true&amp;owner=</c>, or null.</summary>
    public string? ClientRid { get; set; }

    /// <summary>The vendor that enabled the client (the model's own vendor, or one it is shared with), or null.</summary>
    public string? EnabledBy { get; set; }

    /// <summary>The activation log (§3.3 <c>show=log</c>), oldest first.</summary>
    public List<ActivationLogEntry> Log { get; } = [];
}

/// <summary>One line of a serial number's activation log: <c>&lt;timestamp&gt;,&lt;connection-info&gt;,&lt;entry&gt;</c>.</summary>
internal sealed record ActivationLogEntry(long Timestamp, string ConnectionInfo, string Entry);
