using Functional.Core.OnePlatform;

namespace Functional.Facade.OnePlatform;

/// <summary>The resource procedures as batch calls (results: a RID string, <see cref="ResourceInfo"/>, <see cref="Core.OnePlatform.Listing"/>, a <see cref="long"/>, or <see cref="Unit"/>).</summary>
public sealed partial class OnePlatformBatch
{
    /// <summary>Adds <c>create</c> of a client (default description: every key at its default).</summary>
    public OnePlatformBatch CreateClient(
        ResourceId parent,
        ClientDescription? description = null
    ) =>
        Add(
            Resources.Create(
                parent,
                description ?? ClientDescription.Default,
                client.Options.ArgumentForm
            )
        );

    /// <summary>Adds <c>create</c> of a dataport.</summary>
    public OnePlatformBatch CreateDataport(ResourceId parent, DataportDescription description) =>
        Add(Resources.Create(parent, description, client.Options.ArgumentForm));

    /// <summary>Adds <c>create</c> of a datarule.</summary>
    public OnePlatformBatch CreateDatarule(ResourceId parent, DataruleDescription description) =>
        Add(Resources.Create(parent, description, client.Options.ArgumentForm));

    /// <summary>Adds <c>create</c> of a dispatch.</summary>
    public OnePlatformBatch CreateDispatch(ResourceId parent, DispatchDescription description) =>
        Add(Resources.Create(parent, description, client.Options.ArgumentForm));

    /// <summary>Adds <c>create</c> of a clone.</summary>
    public OnePlatformBatch Clone(ResourceId parent, CloneDescription description) =>
        Add(Resources.Create(parent, description, client.Options.ArgumentForm));

    /// <summary>Adds <c>move</c>.</summary>
    public OnePlatformBatch Move(
        ResourceId resource,
        ResourceId destination,
        bool aliases = true
    ) => Add(Resources.Move(resource, destination, aliases));

    /// <summary>Adds <c>update</c>.</summary>
    public OnePlatformBatch Update(ResourceId resource, ResourceUpdate update) =>
        Add(Resources.Update(resource, update));

    /// <summary>Adds <c>info</c> (default: every part).</summary>
    public OnePlatformBatch Info(ResourceId resource, InfoOptions? options = null) =>
        Add(Resources.Info(resource, options ?? InfoOptions.All));

    /// <summary>Adds <c>listing</c> (default options: owned resources).</summary>
    public OnePlatformBatch Listing(
        ResourceId resource,
        IEnumerable<ResourceType> types,
        ListingOptions? options = null
    ) =>
        Add(
            Resources.Listing(
                resource,
                types is null ? Seq<ResourceType>() : toSeq(types.ToArray()),
                options ?? ListingOptions.Default,
                client.Options.ArgumentForm
            )
        );

    /// <summary>Adds <c>drop</c>.</summary>
    public OnePlatformBatch Drop(ResourceId resource) => Add(Resources.Drop(resource));

    /// <summary>Adds <c>usage</c>.</summary>
    public OnePlatformBatch Usage(
        ResourceId resource,
        UsageMetric metric,
        DateTimeOffset start,
        DateTimeOffset end
    ) => Add(Resources.Usage(resource, metric, start, end));

    /// <summary>Adds <c>usage</c> with the window in Unix seconds.</summary>
    public OnePlatformBatch Usage(
        ResourceId resource,
        UsageMetric metric,
        long startTime,
        long endTime
    ) => Add(Resources.Usage(resource, metric, startTime, endTime));
}
