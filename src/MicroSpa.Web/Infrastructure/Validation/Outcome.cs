using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace MicroSpa.Web.Infrastructure.Validation;

/// <summary>A message for one form field, or for the form as a whole when Field is empty.</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>What a command handler reports back: success, or the messages to show on the form.</summary>
public sealed record Outcome(IReadOnlyList<FieldError> Errors)
{
    public static readonly Outcome Success = new([]);

    public bool Succeeded => Errors.Count == 0;

    public static Outcome Fail(string field, string message) => new([new FieldError(field, message)]);

    public static Outcome Fail(string message) => Fail(string.Empty, message);
}

public static class OutcomeExtensions
{
    /// <summary>Shows a handler's messages on the form; <c>prefix</c> is the form's binding prefix when its fields are named "Prefix.Field".</summary>
    public static void AddErrors(this ModelStateDictionary modelState, Outcome outcome, string? prefix = null)
    {
        foreach (var error in outcome.Errors)
        {
            modelState.AddModelError(prefix is null || error.Field.Length == 0 ? error.Field : $"{prefix}.{error.Field}", error.Message);
        }
    }
}
