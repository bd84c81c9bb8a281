using System.Collections;
using Functional.Facade.OnePlatform;
using Functional.Facade.Provisioning;
using Functional.Facade.Sis;

namespace Functional.PropertyTests.Facade;

/// <summary>
/// The three facade tables from <see cref="ApiError"/> to exceptions: every case maps to exactly one exception type,
/// the exception keeps the error (and its fields), and no secret ever shows in its message, text or data.
/// </summary>
public class ErrorMappingProperties
{
    /// <summary>One facade mapping, named for failure messages.</summary>
    public sealed record Mapping(string Name, Func<ApiError, CancellationToken, Exception> Map)
    {
        public override string ToString() => Name;
    }

    public static readonly Mapping OnePlatform = new(
        "OnePlatformErrors",
        OnePlatformErrors.ToException
    );
    public static readonly Mapping Provisioning = new(
        "ProvisioningExceptionMapping",
        ProvisioningExceptionMapping.ToException
    );
    public static readonly Mapping Sis = new(
        "SisErrorMapping",
        (e, ct) => SisErrorMapping.ToException(e, ct)
    );

    private static readonly Mapping[] Mappings = [OnePlatform, Provisioning, Sis];

    /// <summary>The documented exception type of each case, per mapping. A new case must be added here.</summary>
    public static readonly IReadOnlyDictionary<
        string,
        (Type OnePlatform, Type Provisioning, Type Sis)
    > Expected = new Dictionary<string, (Type, Type, Type)>
    {
        [nameof(ApiError.InvalidArgument)] = (
            typeof(OnePlatformValidationException),
            typeof(ProvisioningValidationException),
            typeof(SisValidationException)
        ),
        [nameof(ApiError.InvalidArguments)] = (
            typeof(OnePlatformValidationException),
            typeof(ProvisioningValidationException),
            typeof(SisValidationException)
        ),
        [nameof(ApiError.HttpStatus)] = (
            typeof(OnePlatformResponseException),
            typeof(ProvisioningException),
            typeof(SisException)
        ),
        [nameof(ApiError.RpcGeneral)] = (
            typeof(OnePlatformGeneralException),
            typeof(ProvisioningException),
            typeof(SisException)
        ),
        [nameof(ApiError.RpcCall)] = (
            typeof(OnePlatformCallException),
            typeof(ProvisioningException),
            typeof(SisException)
        ),
        [nameof(ApiError.RpcNoAnswer)] = (
            typeof(OnePlatformResponseException),
            typeof(ProvisioningException),
            typeof(SisException)
        ),
        [nameof(ApiError.RpcNotSent)] = (
            typeof(OnePlatformResponseException),
            typeof(ProvisioningException),
            typeof(SisException)
        ),
        [nameof(ApiError.MalformedResponse)] = (
            typeof(OnePlatformResponseException),
            typeof(ProvisioningException),
            typeof(SisException)
        ),
        [nameof(ApiError.Sis)] = (
            typeof(OnePlatformResponseException),
            typeof(ProvisioningException),
            typeof(SisException)
        ),
        [nameof(ApiError.Transport)] = (
            typeof(HttpRequestException),
            typeof(HttpRequestException),
            typeof(HttpRequestException)
        ),
        [nameof(ApiError.Timeout)] = (
            typeof(TimeoutException),
            typeof(TimeoutException),
            typeof(TimeoutException)
        ),
        [nameof(ApiError.Cancelled)] = (
            typeof(OperationCanceledException),
            typeof(OperationCanceledException),
            typeof(OperationCanceledException)
        ),
    };

    private static Type ExpectedType(Mapping mapping, ApiError error)
    {
        var (op, prov, sis) = Expected[error.GetType().Name];
        return mapping == OnePlatform ? op
            : mapping == Provisioning ? prov
            : sis;
    }

    /// <summary>The error the exception carries, wherever the facade keeps it.</summary>
    private static ApiError? Carried(Exception ex) =>
        ex switch
        {
            OnePlatformException op => op.Error,
            ProvisioningException p => p.Error,
            ProvisioningValidationException v => v.Error,
            SisException s => s.ApiError,
            _ => ex.Data[OnePlatformErrors.ApiErrorKey] as ApiError,
        };

    private static IEnumerable<ApiError.InvalidArgument> Problems(ApiError e) =>
        e switch
        {
            ApiError.InvalidArguments many => many.Errors.OfType<ApiError.InvalidArgument>(),
            ApiError.InvalidArgument one => [one],
            _ => [],
        };

    /// <summary>Asserts the fields each exception type exposes are the error's own.</summary>
    private static void AssertKeepsFields(Exception ex, ApiError error, CancellationToken token)
    {
        switch (ex)
        {
            case OnePlatformGeneralException g:
                var rg = (ApiError.RpcGeneral)error;
                Assert.Equal(
                    (rg.Code, rg.ServerMessage, rg.Context.MatchUnsafe(c => c, () => null)),
                    (g.Code, g.ServerMessage, g.Context)
                );
                break;
            case OnePlatformCallException c:
                var rc = (ApiError.RpcCall)error;
                Assert.Equal(rc.CallId, c.CallId);
                Assert.Equal(rc.Procedure, c.Procedure);
                Assert.Equal(rc.Status.GetRawText(), c.Status.GetRawText());
                Assert.Equal(rc.Detail.MatchUnsafe(d => d, () => null), c.Detail);
                break;
            case OnePlatformValidationException v:
                Assert.Equal(Problems(error), v.Problems);
                break;
            case ProvisioningValidationException v:
                Assert.Equal(Problems(error), v.Problems);
                break;
            case SisValidationException v:
                Assert.Equal(Problems(error), v.Problems);
                break;
            case ProvisioningException p when error is ApiError.HttpStatus s:
                Assert.Equal(
                    (s.Status, s.Reason, s.Body, s.ServerMessage.MatchUnsafe(m => m, () => null)),
                    (p.Status, p.Reason, p.Body, p.ServerMessage)
                );
                break;
            case SisException s when error is ApiError.Sis sis:
                Assert.Same(sis.Detail, s.Detail);
                Assert.Equal(
                    (
                        sis.Detail.Error,
                        sis.Detail.Code.MatchUnsafe(c => (int?)c, () => null),
                        sis.Detail.HttpStatus,
                        sis.Detail.Body
                    ),
                    (s.Error, s.Code, s.HttpStatusCode, s.ResponseBody)
                );
                break;
            case SisException s when error is ApiError.HttpStatus hs:
                Assert.Equal((hs.Status, hs.Body), (s.HttpStatusCode, s.ResponseBody));
                break;
            case OperationCanceledException oce:
                Assert.Equal(token, oce.CancellationToken);
                break;
        }
    }

    /// <summary>Every text an exception shows: message and text of it and its inner exceptions, and its data values.</summary>
    private static IEnumerable<(string Where, string Text)> Shown(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            yield return ($"{e.GetType().Name}.Message", e.Message);
            yield return ($"{e.GetType().Name}.ToString()", e.ToString());
            foreach (DictionaryEntry d in e.Data)
            {
                yield return ($"Data[{d.Key}]", d.Value?.ToString() ?? "");
                if (d.Value is ApiError a)
                    yield return ($"Data[{d.Key}].Message", a.Message);
            }
        }
    }

    private static void AssertNoSecret(Exception ex, ErrorCase c, Mapping mapping)
    {
        foreach (var secret in c.Secrets)
        {
            foreach (var (where, text) in Shown(ex))
                Assert.False(
                    text.Contains(secret, StringComparison.OrdinalIgnoreCase),
                    $"{mapping}: the secret {secret} shows in {where}: {text}"
                );
        }
    }

    private static readonly Gen<bool> Cancelled = Gen.Elements(false, true);

    [Property(MaxTest = 300)]
    public Property Each_case_maps_to_its_one_exception_type_and_keeps_the_error() =>
        Prop.ForAll(
            Arb.From(ApiErrorCases.Any(echoes: false)),
            Arb.From(Cancelled),
            (c, cancelled) =>
            {
                using var cts = new CancellationTokenSource();
                if (cancelled)
                    cts.Cancel();
                foreach (var mapping in Mappings)
                {
                    var ex = mapping.Map(c.Error, cts.Token);
                    Assert.True(
                        ex.GetType() == ExpectedType(mapping, c.Error),
                        $"{mapping} mapped {c.Error.GetType().Name} to {ex.GetType().Name}, expected {ExpectedType(mapping, c.Error).Name}"
                    );
                    Assert.Same(c.Error, Carried(ex));
                    AssertKeepsFields(ex, c.Error, cts.Token);
                }
                return true;
            }
        );

    [Property(MaxTest = 300)]
    public Property Two_errors_of_the_same_case_map_to_the_same_exception_type() =>
        Prop.ForAll(
            Arb.From(
                Gen.Elements(ApiErrorCases.Cases)
                    .SelectMany(t => Gen.Two(ApiErrorCases.Of(t, echoes: true)))
            ),
            pair =>
            {
                foreach (var mapping in Mappings)
                    Assert.Equal(
                        mapping.Map(pair.Item1.Error, default).GetType(),
                        mapping.Map(pair.Item2.Error, default).GetType()
                    );
                return true;
            }
        );

    [Property(MaxTest = 500)]
    public Property A_secret_in_a_response_body_never_shows_in_any_mapping() =>
        Prop.ForAll(
            Arb.From(ApiErrorCases.Any(echoes: false)),
            c =>
            {
                foreach (var mapping in Mappings)
                    AssertNoSecret(mapping.Map(c.Error, default), c, mapping);
                // The error itself never shows a body either.
                foreach (var secret in c.Secrets)
                {
                    Assert.DoesNotContain(
                        secret,
                        c.Error.Message,
                        StringComparison.OrdinalIgnoreCase
                    );
                    Assert.DoesNotContain(
                        secret,
                        c.Error.ToString(),
                        StringComparison.OrdinalIgnoreCase
                    );
                }
                return true;
            }
        );

    [Property(MaxTest = 500)]
    public Property A_secret_the_server_echoed_never_shows_when_given_to_the_sis_mapping() =>
        Prop.ForAll(
            Arb.From(ApiErrorCases.Any(echoes: true)),
            Arb.From(ApiErrorCases.Secret.ListOf()),
            (c, others) =>
            {
                var ex = SisErrorMapping.ToException(c.Error, c.Secrets.Concat(others).ToArray());
                AssertNoSecret(ex, c, Sis);
                Assert.Same(c.Error, Carried(ex));
                return true;
            }
        );

    [Fact]
    public void Every_case_of_the_family_is_generated_and_has_a_documented_exception_type()
    {
        Assert.True(
            ApiErrorCases.Cases.Length >= 12,
            $"only {ApiErrorCases.Cases.Length} cases found"
        );
        foreach (var t in ApiErrorCases.Cases)
        {
            Assert.True(
                Expected.ContainsKey(t.Name),
                $"ApiError.{t.Name} has no expected exception type: add it to Expected"
            );
            var sample = ApiErrorCases.Of(t, echoes: true).Sample(10, 5);
            Assert.All(sample, c => Assert.IsType(t, c.Error));
        }
    }

    [Fact]
    public void The_secret_check_would_notice_an_echoed_secret_not_given_to_the_mapping()
    {
        // Without the secrets the echo stays in the SIS message: the property above can fail.
        var leaked = ApiErrorCases
            .Of(typeof(ApiError.Sis), echoes: true)
            .Sample(10, 50)
            .Where(c => c.Secrets.Length > 0)
            .Count(c =>
                c.Secrets.Any(s =>
                    SisErrorMapping
                        .ToException(c.Error)
                        .Message.Contains(s, StringComparison.OrdinalIgnoreCase)
                )
            );
        Assert.True(leaked > 0);
    }
}
