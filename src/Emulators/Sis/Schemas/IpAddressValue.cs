using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Numerics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Functional.Emulators.Sis.Schemas;

/// <summary>The SIS <c>IpAddress</c> type (spec §2.8.2): <c>"10.1.1.1/24"</c> or an IPv6 with optional <c>/n</c>.</summary>
internal static partial class IpAddressValue
{
    /// <summary>The keys of a stored IpAddress object, in order.</summary>
    public static readonly IReadOnlyList<string> Fields =
    [
        "ip_address",
        "version",
        "cidr",
        "network",
        "broadcast",
        "subnet_mask",
    ];

    /// <summary>
    /// Parses <paramref name="text"/> into <c>{ip_address, version, cidr, network, broadcast, subnet_mask}</c>, or null
    /// when it is not a valid address (a colon means IPv6).
    /// </summary>
    public static JsonObject? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var address = slash < 0 ? text : text[..slash];
        var suffix = slash < 0 ? null : text[(slash + 1)..];
        var v6 = text.Contains(':', StringComparison.Ordinal);
        var bits = v6 ? 128 : 32;
        var cidr = bits;
        if (suffix is not null)
        {
            if (
                !SuffixPattern().IsMatch(suffix)
                || !int.TryParse(suffix, NumberStyles.None, CultureInfo.InvariantCulture, out cidr)
                || cidr > bits
            )
            {
                return null;
            }
        }
        BigInteger value;
        if (v6)
        {
            if (
                address.Contains('%', StringComparison.Ordinal)
                || !IPAddress.TryParse(address, out var ip)
                || ip.AddressFamily != AddressFamily.InterNetworkV6
            )
            {
                return null;
            }
            value = new BigInteger(ip.GetAddressBytes(), isUnsigned: true, isBigEndian: true);
        }
        else
        {
            if (!V4Pattern().IsMatch(address))
            {
                return null;
            }
            value = address
                .Split('.')
                .Aggregate(
                    BigInteger.Zero,
                    (acc, part) => (acc << 8) + int.Parse(part, CultureInfo.InvariantCulture)
                );
        }
        var all = (BigInteger.One << bits) - 1;
        var hostMask = (BigInteger.One << (bits - cidr)) - 1;
        var mask = all ^ hostMask;
        var start = value & mask;
        var end = start | hostMask;
        return new JsonObject
        {
            ["ip_address"] = address,
            ["version"] = v6 ? "v6" : "v4",
            ["cidr"] = cidr,
            ["network"] = Format(start, v6),
            ["broadcast"] = Format(end, v6),
            ["subnet_mask"] = Format(mask, v6),
        };
    }

    /// <summary>True when <paramref name="obj"/> has all six IpAddress keys (stored values are accepted as-is).</summary>
    public static bool IsStoredForm(JsonObject obj) => Fields.All(obj.ContainsKey);

    private static string Format(BigInteger value, bool v6)
    {
        if (!v6)
        {
            return string.Join(
                ".",
                Enumerable
                    .Range(0, 4)
                    .Select(i =>
                        ((value >> (8 * (3 - i))) & 0xff).ToString(CultureInfo.InvariantCulture)
                    )
            );
        }
        return string.Join(
            ":",
            Enumerable
                .Range(0, 8)
                .Select(i =>
                    ((int)((value >> (16 * (7 - i))) & 0xffff)).ToString(
                        "x4",
                        CultureInfo.InvariantCulture
                    )
                )
        );
    }

    [GeneratedRegex(
        @"^(25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)(\.(25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)){3}$"
    )]
    private static partial Regex V4Pattern();

    [GeneratedRegex(@"^[0-9]{1,3}$")]
    private static partial Regex SuffixPattern();
}
