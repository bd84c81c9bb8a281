namespace Functional.Core.OnePlatform;

/// <summary>How a dispatch sends its message: <c>email http_get http_post http_put sms xmpp</c>.</summary>
public enum DispatchMethod
{
    /// <summary><c>email</c>: the recipient is an e-mail address.</summary>
    Email,

    /// <summary><c>http_get</c>: the recipient is a URL.</summary>
    HttpGet,

    /// <summary><c>http_post</c>: the recipient is a URL.</summary>
    HttpPost,

    /// <summary><c>http_put</c>: the recipient is a URL.</summary>
    HttpPut,

    /// <summary><c>sms</c>: the recipient is a phone number.</summary>
    Sms,

    /// <summary><c>xmpp</c>: the recipient is an XMPP address.</summary>
    Xmpp,
}

/// <summary>Wire names of <see cref="DispatchMethod"/>.</summary>
internal static class DispatchMethods
{
    public static string Name(DispatchMethod method) =>
        method switch
        {
            DispatchMethod.Email => "email",
            DispatchMethod.HttpGet => "http_get",
            DispatchMethod.HttpPost => "http_post",
            DispatchMethod.HttpPut => "http_put",
            DispatchMethod.Sms => "sms",
            _ => "xmpp",
        };
}
