namespace MicroSpa.Domain;

/// <summary>
/// Thrown when a request would break a rule the domain guards (an invariant), as opposed to
/// malformed input, which validators reject before the domain is reached.
/// </summary>
public sealed class DomainException(string message, string? field = null) : Exception(message)
{
    /// <summary>The input field the rule is about, when there is one, so the UI can show it there.</summary>
    public string? Field { get; } = field;
}
