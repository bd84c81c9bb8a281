using System.Globalization;
using System.Text;
using System.Text.Json;
using Functional.Core.Sis;
using Functional.Facade.Sis;
using SisApi = Functional.Core.Sis.Sis;

namespace Functional.PropertyTests.Models.Sis;

/// <summary>The emulator and the model disagree (or the emulator broke a rule the model checks).</summary>
public sealed class ModelMismatchException(string message) : Exception(message);

/// <summary>
/// Model-based test of the SIS emulator through the real client: random sequences of entity commands (create,
/// bulk create, update, bulk update by ids and by query, delete, bulk delete, get, query, fetch-all) run on a fresh
/// schema in the emulator and in <see cref="SisModel"/>; every status, error kind, document, order, count and bulk
/// split must agree.
/// </summary>
public sealed class SisModelProperties(SisModelFixture fixture) : IClassFixture<SisModelFixture>
{
    /// <summary>The schema: label (String, required), code (String, unique), num (Number), flag (Boolean), note (String).</summary>
    private static string SchemaJson(string name) =>
        $$"""{"name":"{{name}}","definition":{"label":{"type":"String","required":true},"code":{"type":"String","unique":true},"num":"Number","flag":"Boolean","note":"String"},"_sis":{"owner":["pm"]} }""";

    [Property(MaxTest = 200)]
    public Property Emulator_agrees_with_the_spec_model_for_any_command_sequence() =>
        Prop.ForAll(
            Arb.From(SisCommands.SequenceGen(20), SisCommands.Shrink),
            sequence => Task.Run(() => RunAsync(sequence)).GetAwaiter().GetResult()
        );

    private async Task RunAsync(CommandSequence sequence)
    {
        var client = fixture.Client;
        var schema = fixture.NextSchemaName();
        using var definition = JsonDocument.Parse(SchemaJson(schema));
        var created = await client.Schemas.CreateAsync(definition.RootElement);
        Assert.Equal("_id", created.Json.GetProperty("id_field").GetString());
        try
        {
            var run = new Run(client, schema);
            for (var i = 0; i < sequence.Commands.Length; i++)
            {
                try
                {
                    await run.StepAsync(sequence.Commands[i]);
                }
                catch (ModelMismatchException e)
                {
                    throw new ModelMismatchException(
                        $"step {i + 1} ({sequence.Commands[i]}): {e.Message}\n(the model now holds {run.Model.Live.Count} live entities)"
                    );
                }
            }
        }
        finally
        {
            await client.Schemas.DeleteAsync(schema);
        }
    }

    /// <summary>One case: the client, the schema's endpoint and the model.</summary>
    private sealed class Run(SisClient client, string schema)
    {
        private readonly SisEndpoint endpoint = SisEndpoint.Entities(schema);

        public SisModel Model { get; } = new(schema);

        private Task<Either<ApiError, T>> Send<T>(
            Func<SisSettings, Validation<ApiError, HttpEffect<T>>> build
        ) => client.TrySendAsync(build(client.Settings));

        /// <summary>The id a target names, or null when it names an entity not created (the command is skipped).</summary>
        private string? Resolve(Target target) =>
            target switch
            {
                Target.Ref r => r.Index < Model.Created.Count ? Model.Created[r.Index] : null,
                Target.Unknown u => u.Id,
                Target.Malformed => SisCommands.MalformedId,
                _ => null,
            };

        public async Task StepAsync(Command command)
        {
            switch (command)
            {
                case Command.Create c:
                    await CreateAsync(c);
                    break;
                case Command.CreateMany c:
                    await CreateManyAsync(c);
                    break;
                case Command.Update u:
                    await UpdateAsync(u);
                    break;
                case Command.UpdateMany u:
                    await UpdateManyAsync(u);
                    break;
                case Command.UpdateWhere u:
                    await UpdateWhereAsync(u);
                    break;
                case Command.Delete d:
                    await DeleteAsync(d);
                    break;
                case Command.DeleteWhere d:
                    await DeleteWhereAsync(d);
                    break;
                case Command.Get g:
                    await GetAsync(g);
                    break;
                case Command.Query q:
                    await QueryAsync(q);
                    break;
                case Command.FetchAll f:
                    await FetchAllAsync(f);
                    break;
                default:
                    throw new InvalidOperationException(command.ToString());
            }
        }

        private async Task CreateAsync(Command.Create c)
        {
            var plan = Model.PlanCreate(c.Item);
            var actual = await Send(s => SisApi.Create(s, endpoint, c.Item.Element()));
            plan.Match(
                fields =>
                {
                    var response = Succeeded(actual, 201);
                    var entity = Model.Insert(fields, IdOf(response.Json), bulk: false);
                    Same(SisModel.Canon(entity), SisModel.Canon(response.Json), "created entity");
                },
                failure => Failed(actual, failure)
            );
        }

        private async Task CreateManyAsync(Command.CreateMany c)
        {
            var plan = Model.PlanCreateMany(c.Items, c.AllOrNone);
            var actual = await Send(s =>
                SisApi.CreateMany(s, endpoint, toSeq(c.Items.Select(i => i.Element())), c.AllOrNone)
            );
            var bulk = BulkOf(actual);
            var expectedSuccess = new List<string>();
            var actualSuccess = bulk.Success.Map(SisModel.Canon).ToList();
            for (var k = 0; k < plan.Success.Count; k++)
            {
                var id = k < bulk.Success.Count ? IdOf(bulk.Success[k]) : "<none>";
                expectedSuccess.Add(
                    SisModel.Canon(Model.Insert(plan.Success[k].Fields, id, bulk: true))
                );
            }
            SameList(expectedSuccess, actualSuccess, "bulk insert successes (in item order)");
            SameErrors(
                plan.Errors.Select(e => (e.Failure, Canonical(c.Items[e.Index].Element()))),
                bulk.Errors.Select(e => (e, Canonical(e.Value))),
                "bulk insert errors (value = the item as sent)"
            );
        }

        private async Task UpdateAsync(Command.Update u)
        {
            var id = Resolve(u.Target);
            if (id is null)
                return;
            var entity = Model.Find(id);
            var plan = entity is null
                ? Left<Failure, Dictionary<string, object?>>(Model.NotFound(id))
                : Model.PlanUpdate(entity, u.Changes);
            var actual = await Send(s =>
                SisApi.Update(s, endpoint, id, u.Changes.Element(), SisUpdateOptions.Default)
            );
            plan.Match(
                fields =>
                {
                    var response = Succeeded(actual, 200);
                    entity!.Fields = fields;
                    Same(SisModel.Canon(entity), SisModel.Canon(response.Json), "updated entity");
                },
                failure => Failed(actual, failure)
            );
        }

        private async Task UpdateManyAsync(Command.UpdateMany u)
        {
            var items = new List<(string? Id, Body Changes)>();
            foreach (var (target, changes) in u.Items)
            {
                if (target is Target.NoId)
                    items.Add((null, changes));
                else if (Resolve(target) is { } id)
                    items.Add((id, changes));
            }
            if (items.Count == 0)
                return;
            var expectedSuccess = new List<string>();
            var expectedErrors = new List<(Failure, string)>();
            foreach (var (id, changes) in items)
            {
                if (id is null)
                {
                    expectedErrors.Add(
                        (
                            new Failure(
                                400,
                                1001,
                                null,
                                null,
                                "Missing ID field in bulk update",
                                "no _id"
                            ),
                            ""
                        )
                    );
                    continue;
                }
                var entity = Model.Find(id);
                if (entity is null)
                {
                    expectedErrors.Add((Model.NotFound(id), id));
                    continue;
                }
                Model
                    .PlanUpdate(entity, changes)
                    .Match(
                        fields =>
                        {
                            entity.Fields = fields;
                            expectedSuccess.Add(SisModel.Canon(entity));
                        },
                        failure => expectedErrors.Add((failure, id))
                    );
            }
            var actual = await Send(s =>
                SisApi.UpdateBulk(
                    s,
                    endpoint,
                    toSeq(
                        items.Select(i =>
                            i.Id is null ? i.Changes.Element() : i.Changes.ElementWithId(i.Id)
                        )
                    )
                )
            );
            var bulk = BulkOf(actual);
            SameList(
                expectedSuccess,
                bulk.Success.Map(SisModel.Canon).ToList(),
                "bulk update successes (in item order)"
            );
            SameErrors(
                expectedErrors,
                bulk.Errors.Select(e => (e, IdOf(e.Value, ""))),
                "bulk update errors (by _id of value)"
            );
        }

        private async Task UpdateWhereAsync(Command.UpdateWhere u)
        {
            var expectedSuccess = new List<string>();
            var expectedErrors = new List<(Failure, string)>();
            foreach (var entity in Model.Matches(u.Where))
            {
                Model
                    .PlanUpdate(entity, u.Changes)
                    .Match(
                        fields =>
                        {
                            entity.Fields = fields;
                            expectedSuccess.Add(SisModel.Canon(entity));
                        },
                        failure => expectedErrors.Add((failure, entity.Id))
                    );
            }
            var actual = await Send(s =>
                SisApi.UpdateBulk(s, endpoint, u.Changes.Element(), u.Where.ToFilter())
            );
            var bulk = BulkOf(actual);
            SameList(
                expectedSuccess,
                bulk.Success.Map(SisModel.Canon).ToList(),
                "bulk update by query successes (in natural order)"
            );
            SameErrors(
                expectedErrors,
                bulk.Errors.Select(e => (e, IdOf(e.Value, ""))),
                "bulk update by query errors (by _id of value)"
            );
        }

        private async Task DeleteAsync(Command.Delete d)
        {
            var id = Resolve(d.Target);
            if (id is null)
                return;
            var entity = Model.Find(id);
            var actual = await Send(s => SisApi.Delete(s, endpoint, id));
            if (entity is null)
            {
                Failed(actual, Model.NotFound(id));
                return;
            }
            var expected = SisModel.Canon(entity);
            Model.Remove(entity);
            Same(expected, SisModel.Canon(Succeeded(actual, 200).Json), "deleted entity");
        }

        private async Task DeleteWhereAsync(Command.DeleteWhere d)
        {
            var matches = Model.Matches(d.Where);
            var expected = matches.Select(SisModel.Canon).ToList();
            matches.ForEach(Model.Remove);
            var actual = await Send(s => SisApi.DeleteBulk(s, endpoint, d.Where.ToFilter()));
            var bulk = BulkOf(actual);
            SameList(
                expected,
                bulk.Success.Map(SisModel.Canon).ToList(),
                "bulk delete successes (natural order)"
            );
            SameErrors([], bulk.Errors.Select(e => (e, IdOf(e.Value, ""))), "bulk delete errors");
        }

        private async Task GetAsync(Command.Get g)
        {
            var id = Resolve(g.Target);
            if (id is null)
                return;
            var entity = Model.Find(id);
            var actual = await Send(s => SisApi.Get(s, endpoint, id, SisGetOptions.Default));
            if (entity is null)
                Failed(actual, Model.NotFound(id));
            else
                Same(SisModel.Canon(entity), SisModel.Canon(Succeeded(actual, 200).Json), "got");
        }

        private static SisQuery QueryOf(Cond? where, SortKey? sort)
        {
            var query = SisQuery.All.WithFilter(where?.ToFilter() ?? SisFilter.Empty);
            return sort is null ? query : query.WithSort(sort.ToSorts());
        }

        private async Task QueryAsync(Command.Query q)
        {
            var all = Model.Sorted(q.Where, q.Sort);
            var page = all.Skip(q.Offset ?? 0).Take(q.Limit ?? SisQuery.MaxLimit);
            var query = QueryOf(q.Where, q.Sort);
            if (q.Limit is { } l)
                query = query.WithLimit(l);
            if (q.Offset is { } o)
                query = query.WithOffset(o);
            var actual = await Send(s => SisApi.FetchPage(s, endpoint, query));
            var response = Succeeded(actual, 200);
            if (response.TotalCount != Some((long)all.Count))
                throw new ModelMismatchException(
                    $"x-total-count: expected {all.Count}, got {response.TotalCount}"
                );
            SameList(
                page.Select(SisModel.Canon).ToList(),
                response.Items.Map(SisModel.Canon).ToList(),
                "page"
            );
        }

        private async Task FetchAllAsync(Command.FetchAll f)
        {
            var expected = Model.Sorted(f.Where, f.Sort).Select(SisModel.Canon).ToList();
            var got = new List<string>();
            try
            {
                await foreach (
                    var item in client
                        .Entities(schema)
                        .FetchAllAsync(QueryOf(f.Where, f.Sort), f.PageSize)
                )
                    got.Add(SisModel.Canon(item));
            }
            catch (SisException e)
            {
                throw new ModelMismatchException($"FetchAll threw {e.Message}");
            }
            SameList(expected, got, "fetch-all items");
        }

        // ---- comparisons ----------------------------------------------------------------------

        private static string IdOf(JsonElement doc, string missing = "<no _id>") =>
            doc.ValueKind == JsonValueKind.Object
            && doc.TryGetProperty("_id", out var id)
            && id.ValueKind == JsonValueKind.String
                ? id.GetString()!
                : missing;

        private static string Canonical(JsonElement value)
        {
            var node = System.Text.Json.Nodes.JsonNode.Parse(value.GetRawText());
            return Sorted(node);
        }

        private static string Sorted(System.Text.Json.Nodes.JsonNode? node) =>
            node switch
            {
                System.Text.Json.Nodes.JsonObject o => "{"
                    + string.Join(
                        ",",
                        o.OrderBy(p => p.Key, StringComparer.Ordinal)
                            .Select(p => JsonSerializer.Serialize(p.Key) + ":" + Sorted(p.Value))
                    )
                    + "}",
                System.Text.Json.Nodes.JsonArray a => "["
                    + string.Join(",", a.Select(Sorted))
                    + "]",
                null => "null",
                _ => node.ToJsonString(),
            };

        private static SisResponse Succeeded(Either<ApiError, SisResponse> actual, int status) =>
            actual.Match(
                r =>
                    r.Status == status
                        ? r
                        : throw new ModelMismatchException(
                            $"expected status {status}, got {r.Status}: {r.Json.GetRawText()}"
                        ),
                e => throw new ModelMismatchException($"expected success {status}, got {Show(e)}")
            );

        private static SisBulkResult BulkOf(Either<ApiError, SisBulkResult> actual) =>
            actual.Match(
                r => r,
                e => throw new ModelMismatchException($"expected a bulk result, got {Show(e)}")
            );

        private static string Show(ApiError e) =>
            e is ApiError.Sis sis
                ? $"{sis.Detail.HttpStatus} code {sis.Detail.Code.Match(c => c.ToString(CultureInfo.InvariantCulture), () => "none")} \"{sis.Detail.Error}\""
                : e.ToString();

        private static void Failed<T>(Either<ApiError, T> actual, Failure expected) =>
            actual.Match(
                v =>
                    throw new ModelMismatchException(
                        $"expected failure {expected}, got success {Describe(v)}"
                    ),
                e =>
                {
                    if (e is not ApiError.Sis sis)
                        throw new ModelMismatchException($"expected failure {expected}, got {e}");
                    var d = sis.Detail;
                    if (
                        !Matches(
                            expected,
                            d.HttpStatus,
                            d.Code.Match(c => (int?)c, () => null),
                            d.Error
                        )
                    )
                        throw new ModelMismatchException(
                            $"expected failure {expected}, got {Show(e)}"
                        );
                }
            );

        private static string Describe(object? v) =>
            v is SisResponse r ? $"{r.Status} {r.Json.GetRawText()}" : v?.ToString() ?? "null";

        private static bool Matches(Failure f, int status, int? code, string error) =>
            f.Status == status
            && f.Code == code
            && (f.Exactly is null || f.Exactly == error)
            && (f.Prefix is null || error.StartsWith(f.Prefix, StringComparison.Ordinal))
            && (f.Suffix is null || error.EndsWith(f.Suffix, StringComparison.Ordinal));

        /// <summary>Bulk errors must agree as a multiset of (status, code, text rule, key); the order is not specified.</summary>
        private static void SameErrors(
            IEnumerable<(Failure Failure, string Key)> expected,
            IEnumerable<(SisBulkError Error, string Key)> actual,
            string what
        )
        {
            var left = actual.ToList();
            var want = expected.ToList();
            var missing = new List<string>();
            foreach (var (failure, key) in want)
            {
                var hit = left.FindIndex(a =>
                    a.Key == key
                    && Matches(
                        failure,
                        a.Error.Status,
                        a.Error.Code.Match(c => (int?)c, () => null),
                        a.Error.Error
                    )
                );
                if (hit < 0)
                    missing.Add($"{failure} for {key}");
                else
                    left.RemoveAt(hit);
            }
            if (missing.Count > 0 || left.Count > 0)
            {
                var text = new StringBuilder($"{what} differ.");
                foreach (var m in missing)
                    text.Append(CultureInfo.InvariantCulture, $"\n  expected but missing: {m}");
                foreach (var (e, key) in left)
                    text.Append(
                        CultureInfo.InvariantCulture,
                        $"\n  unexpected: {e.Status} code {e.Code.Match(c => c.ToString(CultureInfo.InvariantCulture), () => "none")} \"{e.Error}\" for {key}"
                    );
                throw new ModelMismatchException(text.ToString());
            }
        }

        private static void Same(string expected, string actual, string what)
        {
            if (expected != actual)
                throw new ModelMismatchException(
                    $"{what} differs\n  expected (model): {expected}\n  actual (emulator): {actual}"
                );
        }

        private static void SameList(List<string> expected, List<string> actual, string what)
        {
            if (!expected.SequenceEqual(actual))
                throw new ModelMismatchException(
                    $"{what} differ\n  expected (model, {expected.Count}):\n    {string.Join("\n    ", expected)}\n  actual (emulator, {actual.Count}):\n    {string.Join("\n    ", actual)}"
                );
        }
    }
}
