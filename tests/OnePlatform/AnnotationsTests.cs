using Functional.Facade.OnePlatform;
using Functional.Tests.Support;

namespace Functional.Tests.OnePlatform;

public class AnnotationsTests
{
    private const string R = "\"" + Rpc.Rid + "\"";

    private static string Args<T>(Validation<ApiError, RpcCall<T>> call) =>
        Rpc.Valid(call).ArgumentsJson;

    [Fact]
    public void Tag_golden_arguments()
    {
        Assert.Equal(
            $$"""[{{R}},"add","kitchen"]""",
            Args(Annotations.Tag(ResourceId.Rid(Rpc.Rid), TagAction.Add, "kitchen"))
        );
        Assert.Equal(
            """[{"alias":"t"},"remove","\u4F60\u597D"]""",
            Args(Annotations.Tag(ResourceId.Alias("t"), TagAction.Remove, "你好"))
        );
        Assert.Equal(
            $$"""{"auth":{"cik":"{{Rpc.Cik}}"},"calls":[{"id":0,"procedure":"tag","arguments":[{"alias":""},"add","x"]}]}""",
            Rpc.Envelope(Annotations.Tag(ResourceId.Self, TagAction.Add, "x"))
        );
    }

    [Fact]
    public void Tag_reports_every_bad_argument_at_once()
    {
        Assert.Equal(
            ["resource", "action", "tag"],
            Rpc.Fields(Annotations.Tag(ResourceId.Rid("zz"), (TagAction)7, "")).ToArray()
        );
        Assert.Equal(
            ["resource", "tag"],
            Rpc.Fields(Annotations.Tag(null!, TagAction.Add, "a\rb")).ToArray()
        );
    }

    [Fact]
    public void Comment_golden_arguments()
    {
        Assert.Equal(
            $$"""[{{R}},"public","hello"]""",
            Args(Annotations.Comment(ResourceId.Rid(Rpc.Rid), CommentVisibility.Public, "hello"))
        );
        Assert.Equal(
            """[{"alias":"t"},"private","\u4F60\u597D\nline 2"]""",
            Args(
                Annotations.Comment(
                    ResourceId.Alias("t"),
                    CommentVisibility.Private,
                    "你好\nline 2"
                )
            )
        );
        Assert.Equal(
            """[{"alias":""},"public",""]""",
            Args(Annotations.Comment(ResourceId.Self, CommentVisibility.Public, ""))
        );
    }

    [Fact]
    public void Comment_reports_every_bad_argument_at_once()
    {
        Assert.Equal(
            ["resource", "visibility", "text"],
            Rpc.Fields(Annotations.Comment(ResourceId.Rid(""), (CommentVisibility)(-1), null!))
                .ToArray()
        );
    }

    [Fact]
    public void Tag_and_comment_parse_ok_and_keep_statuses()
    {
        var tag = Annotations.Tag(ResourceId.Self, TagAction.Add, "x");
        var comment = Annotations.Comment(ResourceId.Self, CommentVisibility.Public, "x");
        Assert.False(Rpc.Valid(tag).IsReadOnly);
        Assert.False(Rpc.Valid(comment).IsReadOnly);
        Assert.Equal(unit, Rpc.Right(Rpc.ParseOne(tag, """[{"id":0,"status":"ok"}]""")));
        Assert.Equal(unit, Rpc.Right(Rpc.ParseOne(comment, """[{"id":0,"status":"ok"}]""")));
        var error = Assert.IsType<ApiError.RpcCall>(
            Rpc.Left(
                Rpc.ParseOne(
                    tag,
                    """[{"id":0,"status":"fail","error":{"code":501,"message":"Error","context":"procedure"}}]"""
                )
            )
        );
        Assert.Equal(Some("fail"), error.StatusText);
        Assert.Equal(Some(new RpcErrorDetail(501, "Error", Some("procedure"))), error.Detail);
        Assert.Equal(
            Some("restricted"),
            Assert
                .IsType<ApiError.RpcCall>(
                    Rpc.Left(Rpc.ParseOne(comment, """[{"id":0,"status":"restricted"}]"""))
                )
                .StatusText
        );
    }

    [Fact]
    public async Task Facade_and_batch_send_tag_and_comment()
    {
        var (client, handler) = CannedRpcHandler.Client("""[{"id":0,"status":"ok"}]""");
        await client.TagAsync(Auth.Cik(Rpc.Cik), ResourceId.Alias("t"), TagAction.Remove, "x");
        Assert.Equal("""[{"alias":"t"},"remove","x"]""", handler.SentArguments());

        (client, handler) = CannedRpcHandler.Client(
            """[{"id":0,"status":"ok"},{"id":1,"status":"noauth"}]"""
        );
        var results = await client
            .Batch(Auth.Cik(Rpc.Cik))
            .Tag(ResourceId.Self, TagAction.Add, "a")
            .Comment(ResourceId.Self, CommentVisibility.Private, "b")
            .SendAsync();
        Assert.True(results[0].IsOk);
        Assert.Equal(Some("noauth"), Assert.IsType<ApiError.RpcCall>(results[1].Error).StatusText);

        (client, _) = CannedRpcHandler.Client("""[{"id":0,"status":"invalid"}]""");
        var ex = await Assert.ThrowsAsync<OnePlatformCallException>(() =>
            client.CommentAsync(Auth.Cik(Rpc.Cik), ResourceId.Self, CommentVisibility.Public, "hi")
        );
        Assert.Equal("invalid", ex.StatusText);
    }
}
