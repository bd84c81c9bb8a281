namespace Functional.Emulators.Provisioning;

/// <summary>One serial number of a model (§3.2, §3.3) and the client enabled for it, if any.</summary>
internal sealed class SerialNumber(string sn, string extra)
{
    public string Sn { get; } = sn;

    public string Extra { get; } = extra;

    /// <summary>The RID of the client created by <c>enable=true&amp;owner=</c>, or null.</summary>
    public string? ClientRid { get; set; }
}
