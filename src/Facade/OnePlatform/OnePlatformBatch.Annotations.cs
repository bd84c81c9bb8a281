using Functional.Core.OnePlatform;

namespace Functional.Facade.OnePlatform;

/// <summary>Batch methods for tag and comment.</summary>
public sealed partial class OnePlatformBatch
{
    /// <summary>Adds <c>tag</c>.</summary>
    public OnePlatformBatch Tag(ResourceId resource, TagAction action, string tag) =>
        Add(Annotations.Tag(resource, action, tag));

    /// <summary>Adds <c>comment</c>.</summary>
    public OnePlatformBatch Comment(
        ResourceId resource,
        CommentVisibility visibility,
        string text
    ) => Add(Annotations.Comment(resource, visibility, text));
}
