using System.Reflection;
using System.Text;
using System.Text.Json;
using Functional.Core.Sis;
using SisApi = Functional.Core.Sis.Sis;

namespace Functional.PropertyTests.Parsers;

/// <summary>
/// Every SIS parser — <see cref="SisResponses"/>, the effect of each <c>Sis.*</c> builder, and
/// <see cref="SisPaging"/> / <c>FetchAll</c> fed hostile pages — gives a value or an <see cref="ApiError"/> for any
/// status, headers and bytes, and never throws.
/// </summary>
public class SisParserProperties
{
    /// <summary>Every builder's effect with the arguments of one test case.</summary>
    public sealed record Effects(HttpEffect<object>[] Built, Builder[] Builders)
    {
        public override string ToString() => $"{Built.Length} effects";
    }

    private static Gen<Effects> AllEffects { get; } =
        Gen.CollectToArray(Builders.Sis.Select(Builders.Arguments))
            .Select(args => new Effects(
                Builders
                    .Sis.Select((b, i) => Builders.Valid(b, args[i], Builders.Effect))
                    .ToArray(),
                Builders.Sis
            ));

    private static readonly Gen<string> Item =
        from id in Gen.Frequency(
            (4, Gen.Choose(0, 30).Select(i => $"\"_id\":\"i{i}\",")),
            (1, Gen.Constant("")),
            (1, HostileInput.Json.Select(v => $"\"_id\":{v},")),
            (1, Gen.Elements("\"_id\":null,", "\"_id\":\"a\",\"_id\":\"b\",", "\"_id\":[],")),
            (1, Gen.Elements("\"_id\":\"\\ud800\",", "\"_id\":\"\\udc00\","))
        )
        from rest in HostileInput.Json
        select $"{{{id}\"v\":{rest}}}";

    /// <summary>SIS-shaped answers with hostile parts: pages of items, bulk results, tokens, errors.</summary>
    private static readonly Gen<string> SisShaped = Gen.OneOf(
        Gen.Choose(0, 12)
            .SelectMany(n => Gen.ArrayOf(Gen.Frequency((5, Item), (1, HostileInput.Json)), n))
            .Select(items => "[" + string.Join(",", items) + "]"),
        from success in HostileInput.Json
        from errors in Gen.OneOf(
            HostileInput.Json,
            Gen.Choose(0, 3)
                .SelectMany(n =>
                    Gen.ArrayOf(
                        from err in Gen.OneOf(
                            HostileInput.Json,
                            from status in HostileInput.NumberLiteral
                            from detail in HostileInput.Json
                            select $"[{status},{detail}]"
                        )
                        from value in HostileInput.Json
                        select $"{{\"err\":{err},\"value\":{value}}}",
                        n
                    )
                )
                .Select(es => "[" + string.Join(",", es) + "]")
        )
        select $"{{\"success\":{success},\"errors\":{errors}}}",
        from name in HostileInput.Json
        from user in HostileInput.Json
        from expires in Gen.OneOf(HostileInput.NumberLiteral, HostileInput.Json)
        select $"{{\"name\":{name},\"username\":{user},\"expires\":{expires}}}",
        from error in HostileInput.Json
        from code in Gen.OneOf(HostileInput.NumberLiteral, HostileInput.Json)
        select $"{{\"error\":{error},\"code\":{code}}}"
    );

    private static readonly Gen<byte[]> Body = HostileInput.Body(
        Gen.Frequency(
            (4, SisShaped),
            (2, HostileInput.Json),
            (1, HostileInput.DeepJson),
            (2, HostileInput.NotJson)
        )
    );

    private static void Guard(string what, HostileResponse hostile, Action run)
    {
        try
        {
            run();
        }
        catch (Exception ex)
        {
            throw new InvalidOperationException($"{what} threw on {hostile}: {ex}");
        }
    }

    [Property(MaxTest = 200)]
    public Property A_page_item_whose_id_is_not_valid_unicode_is_read_without_throwing() =>
        Prop.ForAll(
            Arb.From(Gen.Elements("\\ud800", "\\udc00", "a\\ud800", "\\ud83d")),
            Arb.From(Gen.Elements(1, 2, 10)),
            (id, pageSize) =>
            {
                var page = HttpResponse.Text(200, $$"""[{"_id":"{{id}}"},{"_id":"ok"}]""");
                var outcome = SisApi
                    .FetchAll(SisSettings.Default, SisEndpoint.Hiera, SisQuery.All, pageSize)
                    .Match(
                        e => HttpInterpreter.Run(e, _ => page),
                        _ => throw new InvalidOperationException()
                    );
                return outcome.IsRight || outcome.IsLeft;
            }
        );

    /// <summary>Runs an effect against a server that answers <paramref name="response"/> a few times, then an empty page (so a paged read ends).</summary>
    private static Either<ApiError, object> Run(HttpEffect<object> effect, HttpResponse response)
    {
        var sent = 0;
        return HttpInterpreter.Run(
            effect,
            _ => ++sent <= 5 ? response : HttpResponse.Text(200, "[]")
        );
    }

    private static bool NoneThrows(Effects effects, HostileResponse hostile)
    {
        var response = hostile.ToResponse();
        for (var i = 0; i < effects.Built.Length; i++)
        {
            var effect = effects.Built[i];
            Guard(
                effects.Builders[i].ToString(),
                hostile,
                () => Touch.Outcome(Run(effect, response))
            );
        }
        foreach (var parser in ResponseParsers)
            Guard(
                $"SisResponses.{parser.Method.Name}",
                hostile,
                () => Touch.Deep(parser(response))
            );
        Guard("SisResponses.Failure", hostile, () => Touch.Deep(SisResponses.Failure(response)));
        Guard(
            "SisResponses.TotalCountOf",
            hostile,
            () => Touch.Deep(SisResponses.TotalCountOf(response))
        );
        return true;
    }

    /// <summary>Every public <c>SisResponses</c> function from a response to an Either, found by reflection.</summary>
    private static Func<HttpResponse, object>[] ResponseParsers { get; } =
        typeof(SisResponses)
            .GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Where(m =>
                m.GetParameters() is [{ ParameterType: var p }]
                && p == typeof(HttpResponse)
                && m.ReturnType.IsGenericType
                && m.ReturnType.GetGenericTypeDefinition() == typeof(Either<,>)
            )
            .Select(m => (Func<HttpResponse, object>)(r => m.Invoke(null, [r])!))
            .ToArray();

    [Property(MaxTest = 500)]
    public Property Every_sis_parser_gives_a_value_or_an_error_for_any_answer() =>
        Prop.ForAll(
            Arb.From(AllEffects),
            Arb.From(HostileInput.Response(HostileInput.Status, Body)),
            NoneThrows
        );

    [Property(MaxTest = 500)]
    public Property Every_sis_parser_gives_a_value_or_an_error_for_any_bytes() =>
        Prop.ForAll(
            Arb.From(AllEffects),
            Arb.From(HostileInput.Response(HostileInput.Status, HostileInput.AnyBytes)),
            NoneThrows
        );

    // ---- paging fed hostile pages -------------------------------------------------------------------

    /// <summary>A run of hostile pages (each a whole response) and the paging parameters.</summary>
    public sealed record PagingCase(
        HostileResponse[] Pages,
        int PageSize,
        int Offset,
        Option<int> Limit
    )
    {
        public override string ToString() =>
            $"pageSize={PageSize} offset={Offset} limit={Limit} pages:\n  "
            + string.Join("\n  ", Pages.Select(p => p.ToString()));
    }

    private static readonly Gen<HostileResponse> Page = HostileInput.Response(
        Gen.Frequency((6, Gen.Constant(200)), (1, HostileInput.Status)),
        HostileInput.Body(
            Gen.Frequency(
                (
                    6,
                    Gen.Choose(0, 12)
                        .SelectMany(n => Gen.ArrayOf(Item, n))
                        .Select(items => "[" + string.Join(",", items) + "]")
                ),
                (1, SisShaped),
                (1, HostileInput.Json)
            )
        )
    );

    private static readonly Gen<PagingCase> Paging =
        from pages in Gen.Choose(1, 6).SelectMany(n => Gen.ArrayOf(Page, n))
        from size in Gen.Elements(1, 2, 3, 5, 10, 10000)
        from offset in Gen.Elements(0, 0, 1, 7, int.MaxValue - 3, int.MaxValue)
        from limit in Gen.Elements(Option<int>.None, Some(0), Some(1), Some(4), Some(int.MaxValue))
        select new PagingCase(pages, size, offset, limit);

    [Property(MaxTest = 500)]
    public Property FetchAll_and_SisPaging_give_a_value_or_an_error_for_hostile_pages() =>
        Prop.ForAll(
            Arb.From(Paging, c => c.Pages.Length > 1 ? [c with { Pages = c.Pages[..^1] }] : []),
            c =>
            {
                var query = SisQuery.All with
                {
                    Offset = c.Offset == 0 ? None : Some(c.Offset),
                    Limit = c.Limit,
                };
                var sent = 0;
                HttpResponse Server(HttpRequest _) =>
                    sent < c.Pages.Length
                        ? c.Pages[sent++].ToResponse()
                        : HttpResponse.Text(200, "[]");

                // FetchAll as one program.
                SisApi
                    .FetchAll(SisSettings.Default, SisEndpoint.Hiera, query, c.PageSize)
                    .Match(
                        effect =>
                            Guard(
                                "FetchAll",
                                c.Pages[0],
                                () => Touch.Outcome(HttpInterpreter.Run(effect, Server))
                            ),
                        _ => { } // a refused query (e.g. limit 0) is an ApiError, fine
                    );

                // SisPaging step by step, as the facade's lazy enumeration drives it.
                SisPaging
                    .Start(query, c.PageSize)
                    .Match(
                        paging =>
                        {
                            var state = Some(paging);
                            foreach (var hostile in c.Pages)
                            {
                                if (state.IsNone)
                                    break;
                                var p = (SisPaging)state;
                                Guard(
                                    $"SisPaging at {p}",
                                    hostile,
                                    () =>
                                    {
                                        var answer = SisResponses
                                            .Array(hostile.ToResponse())
                                            .Bind(SisPaging.RequirePage);
                                        state = answer.Match(
                                            page =>
                                            {
                                                Touch.Deep(p.ItemsOf(page));
                                                Touch.Deep(p.NextQuery);
                                                return p.After(page);
                                            },
                                            e =>
                                            {
                                                Touch.Deep(e);
                                                return None;
                                            }
                                        );
                                    }
                                );
                            }
                        },
                        _ => { }
                    );
                return true;
            }
        );

    // ---- shape --------------------------------------------------------------------------------------

    [Property(MaxTest = 300)]
    public Property A_failure_status_gives_a_sis_error_keeping_the_status_and_body() =>
        Prop.ForAll(
            Arb.From(AllEffects),
            Arb.From(HostileInput.Failure),
            Arb.From(Gen.OneOf(SisShaped, HostileInput.NotJson)),
            (effects, status, body) =>
            {
                var response = new HttpResponse(status, "Why", Empty, Encoding.UTF8.GetBytes(body));
                foreach (var (effect, builder) in effects.Built.Zip(effects.Builders))
                {
                    var error = HttpInterpreter
                        .Run(effect, _ => response)
                        .Match(
                            v => throw new InvalidOperationException($"{builder} gave {v}"),
                            e => e
                        );
                    var sis = Assert.IsType<ApiError.Sis>(error);
                    Assert.Equal(status, sis.Detail.HttpStatus);
                    Assert.Equal(body, sis.Detail.Body);
                }
                return true;
            }
        );

    [Property(MaxTest = 300)]
    public Property A_2xx_object_or_array_gives_a_value_holding_exactly_that_json() =>
        Prop.ForAll(
            Arb.From(AllEffects),
            Arb.From(HostileInput.Success),
            Arb.From(Gen.Choose(0, 1000)),
            (effects, status, total) =>
            {
                const string obj =
                    """{"success":[{"_id":"a"}],"errors":[],"name":"n","username":"u","expires":1000}""";
                const string arr = """[{"_id":"a"},{"_id":"b"}]""";
                foreach (var (effect, builder) in effects.Built.Zip(effects.Builders))
                {
                    // A paged read ends on the short page; every other call gets the object or the array.
                    var outcomes = new[] { obj, arr }
                        .Select(body =>
                            HttpInterpreter.Run(
                                effect,
                                _ => new HttpResponse(
                                    status,
                                    "",
                                    Seq1(
                                        new HttpHeader(
                                            "X-Total-Count",
                                            total.ToString(
                                                System.Globalization.CultureInfo.InvariantCulture
                                            )
                                        )
                                    ),
                                    Encoding.UTF8.GetBytes(body)
                                )
                            )
                        )
                        .ToArray();
                    var values = outcomes
                        .Where(o => o.IsRight)
                        .Select(o => o.Match(v => v, _ => null!))
                        .ToArray();
                    Assert.True(
                        values.Length == 1,
                        $"{builder}: exactly one of object/array should be its shape, got {values.Length}"
                    );
                    switch (values[0])
                    {
                        case SisResponse r:
                            Assert.Equal(status, r.Status);
                            Assert.Equal(Some((long)total), r.TotalCount);
                            Assert.Contains(r.Json.GetRawText(), new[] { obj, arr });
                            break;
                        case SisBulkResult bulk:
                            Assert.Equal(
                                """[{"_id":"a"}]""",
                                JsonSerializer.Serialize(bulk.Success)
                            );
                            Assert.True(bulk.AllSucceeded);
                            break;
                        case SisToken token:
                            Assert.Equal(
                                ("n", "u", Some(TimeSpan.FromSeconds(1))),
                                (token.Name, token.UserName, token.ExpiresIn)
                            );
                            break;
                        case Seq<JsonElement> items:
                            // FetchAll: the page holds a and b; a page size of 1 keeps only a (the server ignored the limit).
                            var ids = items.Map(i => i.GetProperty("_id").GetString()!).ToArray();
                            Assert.Contains(string.Join(",", ids), new[] { "a", "a,b" });
                            break;
                        default:
                            Assert.Fail($"{builder}: unexpected value {values[0]}");
                            break;
                    }
                }
                return true;
            }
        );

    [Fact]
    public void Every_builder_is_found_and_built_from_the_table()
    {
        var names = Builders.Sis.Select(b => b.ToString()).ToArray();
        Assert.Contains(names, n => n.StartsWith("Sis.FetchAll(", StringComparison.Ordinal));
        Assert.Contains(names, n => n.StartsWith("Sis.Authenticate(", StringComparison.Ordinal));
        Assert.Contains(names, n => n.StartsWith("Sis.UpdateBulk(", StringComparison.Ordinal));
        Assert.True(names.Length >= 15, $"only {names.Length} builders found");
        foreach (var b in Builders.Sis)
        {
            var args = Builders
                .FirstArguments(b)
                .Match(a => a, e => throw new InvalidOperationException(e));
            Assert.True(
                Builders.Effect(b, args).IsSuccess,
                $"{b} refuses the table's first arguments"
            );
        }
        Assert.True(ResponseParsers.Length >= 5);
    }
}
