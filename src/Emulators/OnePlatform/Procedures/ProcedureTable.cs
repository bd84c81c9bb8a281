using System.Text.Json.Nodes;

namespace Functional.Emulators.OnePlatform.Procedures;

/// <summary>Every supported procedure by wire name.</summary>
internal static class ProcedureTable
{
    private static readonly Dictionary<
        string,
        Func<CallContext, JsonArray, CallOutcome>
    > Procedures = new(StringComparer.Ordinal)
    {
        ["read"] = TimeSeriesProcedures.Read,
        ["write"] = TimeSeriesProcedures.Write,
        ["writegroup"] = TimeSeriesProcedures.WriteGroup,
        ["record"] = TimeSeriesProcedures.Record,
        ["recordbatch"] = TimeSeriesProcedures.RecordBatch,
        ["flush"] = TimeSeriesProcedures.Flush,
        ["wait"] = TimeSeriesProcedures.Wait,
        ["create"] = ResourceProcedures.Create,
        ["move"] = ResourceProcedures.Move,
        ["update"] = ResourceProcedures.Update,
        ["drop"] = ResourceProcedures.Drop,
        ["usage"] = ResourceProcedures.Usage,
        ["info"] = InfoProcedure.Info,
        ["listing"] = ListingProcedure.Listing,
        ["map"] = AliasProcedures.Map,
        ["unmap"] = AliasProcedures.Unmap,
        ["lookup"] = AliasProcedures.Lookup,
        ["share"] = ShareProcedures.Share,
        ["revoke"] = ShareProcedures.Revoke,
        ["activate"] = ShareProcedures.Activate,
        ["deactivate"] = ShareProcedures.Deactivate,
        ["grant"] = GrantProcedure.Grant,
        ["tag"] = AnnotationProcedures.Tag,
        ["comment"] = AnnotationProcedures.Comment,
    };

    public static bool Exists(string procedure) => Procedures.ContainsKey(procedure);

    /// <summary>
    /// Runs one call. Missing or non-list <c>arguments</c> and argument lists that fit no form of the procedure are
    /// <c>fail</c> 501 "arguments"; an unknown procedure is <c>fail</c> 501 "procedure".
    /// </summary>
    public static CallOutcome Execute(CallContext ctx, JsonNode? arguments)
    {
        if (!Procedures.TryGetValue(ctx.Procedure, out var procedure))
        {
            return CallOutcome.UnknownProcedure;
        }
        return arguments is JsonArray args ? procedure(ctx, args) : CallOutcome.BadArguments;
    }
}
