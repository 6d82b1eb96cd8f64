namespace MicroSpa.Web.Features.Checkout;

/// <summary>One input of the checkout forms (several forms share a page, so each field has its own name and message).</summary>
public sealed record FieldModel(string Name, string Label, string? Value = null, string Type = "text", string? Hint = null, string? InputMode = null, string? Id = null);
