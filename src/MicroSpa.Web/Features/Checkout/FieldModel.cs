namespace MicroSpa.Web.Features.Checkout;

/// <summary>
/// One input of the checkout forms (several forms share a page, so each field has its own name and message). A
/// <paramref name="Quiet"/> field is one of several forms posting the same names (a refund form per payment): it
/// shows neither the posted value nor its message, which belong to the form that was sent.
/// </summary>
public sealed record FieldModel(
    string Name, string Label, string? Value = null, string Type = "text", string? Hint = null, string? InputMode = null, string? Id = null, bool Quiet = false);
