using System.Reflection;
using System.Text;
using Functional.Core.Provisioning;
using CoreModels = Functional.Core.Provisioning.Models;
using CoreVendors = Functional.Core.Provisioning.Vendors;

namespace Functional.PropertyTests.Parsers;

/// <summary>
/// Every Provisioning parser — the parse side of each builder's effect and the public parse functions of
/// <see cref="ProvisioningResponses"/> and friends — gives a value or an <see cref="ApiError"/> for any status,
/// headers and bytes, and never throws.
/// </summary>
public class ProvisioningParserProperties
{
    /// <summary>Every builder's effect with the arguments of one test case.</summary>
    public sealed record Effects(HttpEffect<object>[] Built, Builder[] Builders)
    {
        public override string ToString() => $"{Built.Length} effects";
    }

    private static Gen<Effects> AllEffects { get; } =
        Gen.CollectToArray(Builders.Provisioning.Select(Builders.Arguments))
            .Select(args => new Effects(
                Builders
                    .Provisioning.Select((b, i) => Builders.Valid(b, args[i], Builders.Effect))
                    .ToArray(),
                Builders.Provisioning
            ));

    private static readonly Gen<string> FormBody = Gen.Elements(
        "rid=0123456789abcdef0123456789abcdef01234567&options[]=noaliases",
        "code=abc&options[]=nocomments&options[]=nohistorical",
        "rid=%",
        "rid=%zz&code=%E0%A4%A",
        "options[]=%FF%FE",
        "rid&code",
        "&&==&",
        "+=+",
        "rid=a=b=c",
        "%00=%00",
        "rid=%ED%A0%80"
    );

    private static readonly Gen<byte[]> Body = HostileInput.Body(
        Gen.Frequency(
            (4, HostileInput.Csv),
            (2, HostileInput.NotJson),
            (2, FormBody),
            (1, HostileInput.Json),
            (1, HostileInput.DeepJson)
        )
    );

    private static bool NoneThrows(Effects effects, HostileResponse hostile)
    {
        var response = hostile.ToResponse();
        for (var i = 0; i < effects.Built.Length; i++)
        {
            try
            {
                Touch.Outcome(HttpInterpreter.Run(effects.Built[i], _ => response));
            }
            catch (Exception ex)
            {
                throw new InvalidOperationException(
                    $"{effects.Builders[i]} threw on {hostile}: {ex}"
                );
            }
        }
        return true;
    }

    [Property(MaxTest = 500)]
    public Property Every_builder_effect_gives_a_value_or_an_error_for_any_answer() =>
        Prop.ForAll(
            Arb.From(AllEffects),
            Arb.From(HostileInput.Response(HostileInput.Status, Body)),
            NoneThrows
        );

    [Property(MaxTest = 500)]
    public Property Every_builder_effect_gives_a_value_or_an_error_for_any_bytes() =>
        Prop.ForAll(
            Arb.From(AllEffects),
            Arb.From(HostileInput.Response(HostileInput.Status, HostileInput.AnyBytes)),
            NoneThrows
        );

    // ---- the public parse functions, called directly ------------------------------------------------

    /// <summary>Every public static parse function of the Provisioning namespace (returning Either&lt;ApiError, T&gt;).</summary>
    public static MethodInfo[] ParseFunctions { get; } =
        typeof(ProvisioningResponses)
            .Assembly.GetExportedTypes()
            .Where(t => t.Namespace == "Functional.Core.Provisioning")
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static))
            .Where(m =>
                !m.IsGenericMethodDefinition
                && m.ReturnType.IsGenericType
                && m.ReturnType.GetGenericTypeDefinition() == typeof(Either<,>)
                && m.ReturnType.GetGenericArguments()[0] == typeof(ApiError)
            )
            .OrderBy(m => m.DeclaringType!.Name + "." + m.Name, StringComparer.Ordinal)
            .ToArray();

    /// <summary>Hostile CSV rows given directly (fields with commas, quotes, signs, huge numbers, empty rows).</summary>
    private static readonly Gen<Seq<Seq<string>>> Rows = Gen.Choose(0, 4)
        .SelectMany(n =>
            Gen.ArrayOf(
                Gen.Choose(0, 7)
                    .SelectMany(m =>
                        Gen.ArrayOf(
                            Gen.Elements(
                                "",
                                " ",
                                "0",
                                "1",
                                "-1",
                                "+5",
                                " 7 ",
                                "1.5",
                                "1e3",
                                "99999999999999999999",
                                "-9223372036854775809",
                                "true",
                                "false",
                                "TRUE",
                                "activated",
                                "notactivated",
                                "sn",
                                "base10",
                                "base16",
                                "mac:48",
                                "mac:",
                                "upper",
                                "a,b",
                                "\"",
                                "\ud800",
                                "0123456789abcdef0123456789abcdef01234567"
                            ),
                            m
                        )
                    )
                    .Select(fields => toSeq(fields)),
                n
            )
        )
        .Select(rows => toSeq(rows));

    /// <summary>One hostile input for the direct parse functions.</summary>
    public sealed record DirectCase(HostileResponse Response, Seq<Seq<string>> Rows, bool Flag)
    {
        public override string ToString() =>
            $"{Response} rows=[{string.Join(" | ", Rows.Map(r => string.Join(",", r)))}] flag={Flag}";
    }

    private static object? ArgumentFor(ParameterInfo p, DirectCase c) =>
        p.ParameterType == typeof(string) ? c.Response.ToResponse().BodyText
        : p.ParameterType == typeof(HttpResponse) ? c.Response.ToResponse()
        : p.ParameterType == typeof(Seq<Seq<string>>) ? c.Rows
        : p.ParameterType == typeof(bool) ? c.Flag
        : throw new InvalidOperationException(
            $"{p.Member.DeclaringType!.Name}.{p.Member.Name}: no hostile value for {p.Name}: {Builders.Short(p.ParameterType)}"
        );

    [Property(MaxTest = 1000)]
    public Property Every_parse_function_gives_a_value_or_an_error_for_any_input() =>
        Prop.ForAll(
            Arb.From(
                from r in HostileInput.Response(HostileInput.Status, Body)
                from rows in Rows
                from flag in Gen.Elements(false, true)
                select new DirectCase(r, rows, flag)
            ),
            c =>
            {
                foreach (var f in ParseFunctions)
                {
                    try
                    {
                        Touch.Deep(
                            f.Invoke(
                                null,
                                f.GetParameters().Select(p => ArgumentFor(p, c)).ToArray()
                            )
                        );
                    }
                    catch (TargetInvocationException ex)
                    {
                        throw new InvalidOperationException(
                            $"{f.DeclaringType!.Name}.{f.Name} threw on {c}: {ex.InnerException}"
                        );
                    }
                }
                return true;
            }
        );

    // ---- shape --------------------------------------------------------------------------------------

    [Property(MaxTest = 300)]
    public Property A_failure_status_gives_an_http_error_keeping_status_reason_and_body() =>
        Prop.ForAll(
            Arb.From(AllEffects),
            Arb.From(HostileInput.Failure),
            Arb.From(HostileInput.Csv),
            (effects, status, body) =>
            {
                var response = new HttpResponse(status, "Why", Empty, Encoding.UTF8.GetBytes(body));
                foreach (var (effect, builder) in effects.Built.Zip(effects.Builders))
                {
                    var outcome = HttpInterpreter.Run(effect, _ => response);
                    if (builder.Method.Name == nameof(CoreVendors.IsShared) && status == 404)
                    {
                        // Documented: 404 means "not shared".
                        Assert.Equal(Right<ApiError, object>(false), outcome);
                        continue;
                    }
                    var http = Assert.IsType<ApiError.HttpStatus>(
                        outcome.Match(
                            v => throw new InvalidOperationException($"{builder} gave {v}"),
                            e => e
                        )
                    );
                    Assert.Equal(status, http.Status);
                    Assert.Equal("Why", http.Reason);
                    Assert.Equal(body, http.Body);
                }
                return true;
            }
        );

    /// <summary>A valid 2xx body for the simple result types (unit, yes/no, one text, a list of lines).</summary>
    private static Option<(string Body, object Expected)> ValidAnswer(Type result) =>
        result == typeof(Unit) ? Some(("", (object)unit))
        : result == typeof(bool) ? Some(("", (object)true))
        : result == typeof(string)
            ? Some(
                (
                    "0123456789abcdef0123456789abcdef01234567\n",
                    (object)"0123456789abcdef0123456789abcdef01234567"
                )
            )
        : result == typeof(Seq<string>)
            ? Some(("a\r\nb,c\r\n\"d,e\"\r\n", (object)Seq("a", "b", "d,e")))
        : None;

    [Property(MaxTest = 200)]
    public Property A_2xx_valid_body_gives_the_value_it_holds() =>
        Prop.ForAll(
            Arb.From(AllEffects),
            Arb.From(Gen.Elements(200, 201, 202, 205, 299)),
            (effects, status) =>
            {
                var checkedOnes = 0;
                foreach (var (effect, builder) in effects.Built.Zip(effects.Builders))
                {
                    ValidAnswer(builder.ResultType)
                        .IfSome(a =>
                        {
                            checkedOnes++;
                            var outcome = HttpInterpreter.Run(
                                effect,
                                _ => HttpResponse.Text(status, a.Body)
                            );
                            Assert.Equal(Right<ApiError, object>(a.Expected), outcome);
                        });
                }
                return checkedOnes >= 30;
            }
        );

    [Fact]
    public void Every_builder_is_found_and_built_from_the_table()
    {
        var names = Builders.Provisioning.Select(b => b.ToString()).ToArray();
        Assert.Contains(names, n => n.StartsWith("Content.Download(", StringComparison.Ordinal));
        Assert.Contains(
            names,
            n => n.StartsWith("SerialNumbers.Ranges(", StringComparison.Ordinal)
        );
        Assert.Contains(names, n => n.StartsWith("Device.Activate(", StringComparison.Ordinal));
        Assert.Contains(names, n => n.StartsWith("Vendors.IsShared(", StringComparison.Ordinal));
        Assert.True(names.Length >= 45, $"only {names.Length} builders found");
        foreach (var b in Builders.Provisioning)
        {
            var args = Builders
                .FirstArguments(b)
                .Match(a => a, e => throw new InvalidOperationException(e));
            Assert.True(
                Builders.Effect(b, args).IsSuccess,
                $"{b} refuses the table's first arguments"
            );
        }
        Assert.Contains(ParseFunctions, f => f.Name == nameof(ProvisioningResponses.ParseCsv));
        Assert.Contains(ParseFunctions, f => f.Name == nameof(CoreModels.ParseInfo));
    }
}
