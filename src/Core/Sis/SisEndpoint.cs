namespace Functional.Core.Sis;

/// <summary>Which SIS collection a request addresses.</summary>
public enum SisEndpointKind
{
    /// <summary><c>/schemas</c>.</summary>
    Schemas,

    /// <summary><c>/hooks</c>.</summary>
    Hooks,

    /// <summary><c>/hiera</c>.</summary>
    Hiera,

    /// <summary><c>/users</c>.</summary>
    Users,

    /// <summary><c>/scripts</c>.</summary>
    Scripts,

    /// <summary><c>/entities/&lt;schema&gt;</c>.</summary>
    Entities,

    /// <summary><c>/users/&lt;user&gt;/tokens</c>.</summary>
    Tokens,
}

/// <summary>
/// A SIS collection: one of the fixed ones, the entities of a schema, or the tokens of a user. The schema or
/// user name is checked by the request builders (non-empty, no control characters) and escaped as one path segment.
/// </summary>
public sealed record SisEndpoint
{
    private SisEndpoint(SisEndpointKind kind, string name)
    {
        Kind = kind;
        Name = name;
    }

    /// <summary><c>/schemas</c> (id = <c>name</c>).</summary>
    public static SisEndpoint Schemas { get; } = new(SisEndpointKind.Schemas, "");

    /// <summary><c>/hooks</c> (id = <c>name</c>).</summary>
    public static SisEndpoint Hooks { get; } = new(SisEndpointKind.Hooks, "");

    /// <summary><c>/hiera</c> (id = <c>name</c>).</summary>
    public static SisEndpoint Hiera { get; } = new(SisEndpointKind.Hiera, "");

    /// <summary><c>/users</c> (id = <c>name</c>).</summary>
    public static SisEndpoint Users { get; } = new(SisEndpointKind.Users, "");

    /// <summary><c>/scripts</c> (id = <c>name</c>).</summary>
    public static SisEndpoint Scripts { get; } = new(SisEndpointKind.Scripts, "");

    /// <summary><c>/entities/&lt;schema&gt;</c> (id = <c>_id</c> or the schema's <c>id_field</c>).</summary>
    public static SisEndpoint Entities(string schema) =>
        new(SisEndpointKind.Entities, schema ?? "");

    /// <summary><c>/users/&lt;userName&gt;/tokens</c>.</summary>
    public static SisEndpoint Tokens(string userName) =>
        new(SisEndpointKind.Tokens, userName ?? "");

    /// <summary>Which collection.</summary>
    public SisEndpointKind Kind { get; }

    /// <summary>The schema or user name; empty for the fixed collections.</summary>
    public string Name { get; }

    /// <summary>The unescaped path segments after <c>/api/v&lt;version&gt;</c>.</summary>
    internal Seq<string> Segments =>
        Kind switch
        {
            SisEndpointKind.Schemas => Seq1("schemas"),
            SisEndpointKind.Hooks => Seq1("hooks"),
            SisEndpointKind.Hiera => Seq1("hiera"),
            SisEndpointKind.Users => Seq1("users"),
            SisEndpointKind.Scripts => Seq1("scripts"),
            SisEndpointKind.Entities => Seq("entities", Name),
            _ => Seq("users", Name, "tokens"),
        };

    /// <inheritdoc />
    public override string ToString() => "/" + string.Join("/", Segments);
}
