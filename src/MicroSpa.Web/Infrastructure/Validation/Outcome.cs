using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace MicroSpa.Web.Infrastructure.Validation;

/// <summary>A message for one form field, or for the form as a whole when Field is empty.</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>What a command handler reports back: success, or the messages to show on the form.</summary>
public sealed record Outcome(IReadOnlyList<FieldError> Errors)
{
    public static readonly Outcome Success = new([]);

    public bool Succeeded => Errors.Count == 0;

    /// <summary>Refused because the record is not in the state the request expected (changed meanwhile, already signed): HTTP 409.</summary>
    public bool IsConflict { get; init; }

    public static Outcome Fail(string field, string message) => new([new FieldError(field, message)]);

    public static Outcome Fail(string message) => Fail(string.Empty, message);

    /// <summary>A refusal for the record's current state, not for what was typed (see <see cref="IsConflict"/>).</summary>
    public static Outcome Conflict(string message) => Fail(message) with { IsConflict = true };

    /// <summary>This outcome, a refusal read as a conflict with the record's current state (success stays success).</summary>
    public Outcome AsConflict() => Succeeded ? this : this with { IsConflict = true };
}

/// <summary>
/// What a use case that makes something reports: its outcome and, once done, what it made (the new record's id, the
/// version published). A refusal converts to it, so a handler returns <c>Outcome.Fail(...)</c> as it would otherwise.
/// </summary>
public sealed record Outcome<T>(Outcome Status, T? Value)
{
    public static Outcome<T> Done(T value) => new(Outcome.Success, value);

    public static implicit operator Outcome<T>(Outcome refused) => new(refused, default);
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
