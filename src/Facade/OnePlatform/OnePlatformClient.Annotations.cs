using Functional.Core.OnePlatform;

namespace Functional.Facade.OnePlatform;

/// <summary>The undocumented annotation procedures: tag and comment.</summary>
public sealed partial class OnePlatformClient
{
    /// <summary><c>tag</c> (undocumented): adds or removes <paramref name="tag"/> on <paramref name="resource"/>.</summary>
    public Task TagAsync(
        Auth auth,
        ResourceId resource,
        TagAction action,
        string tag,
        CancellationToken cancellationToken = default
    ) => CallAsync(auth, Annotations.Tag(resource, action, tag), cancellationToken);

    /// <summary><c>comment</c> (deprecated, undocumented): attaches a comment to <paramref name="resource"/>.</summary>
    public Task CommentAsync(
        Auth auth,
        ResourceId resource,
        CommentVisibility visibility,
        string text,
        CancellationToken cancellationToken = default
    ) => CallAsync(auth, Annotations.Comment(resource, visibility, text), cancellationToken);
}
