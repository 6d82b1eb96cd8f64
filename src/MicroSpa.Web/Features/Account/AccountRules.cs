using FluentValidation;
using MicroSpa.Domain;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.AspNetCore.Identity;

namespace MicroSpa.Web.Features.Account;

/// <summary>Input rules shared by the account forms.</summary>
internal static class AccountRules
{
    public const int MinPasswordLength = 8;

    public static IRuleBuilderOptions<T, string> MustBeAnEmailAddress<T>(this IRuleBuilderInitial<T, string> rule) =>
        rule.Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter your email address.")
            .MaximumLength(FieldLengths.Email).WithMessage($"An email address can be at most {FieldLengths.Email} characters.")
            .Must(BeAnEmailAddress).WithMessage("Enter an email address like name@example.com.");

    /// <summary>An optional email address: checked only when one is given.</summary>
    public static IRuleBuilderOptions<T, string?> MayBeAnEmailAddress<T>(this IRuleBuilderInitial<T, string?> rule) =>
        rule.Cascade(CascadeMode.Stop)
            .MaximumLength(FieldLengths.Email).WithMessage($"An email address can be at most {FieldLengths.Email} characters.")
            .Must(e => string.IsNullOrWhiteSpace(e) || BeAnEmailAddress(e)).WithMessage("Enter an email address like name@example.com.");

    public static IRuleBuilderOptions<T, string> MustBeAPassword<T>(this IRuleBuilderInitial<T, string> rule) =>
        rule.Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter a password.")
            .MinimumLength(MinPasswordLength).WithMessage($"Use at least {MinPasswordLength} characters.")
            .MaximumLength(FieldLengths.Password).WithMessage($"A password can be at most {FieldLengths.Password} characters.");

    private static bool BeAnEmailAddress(string? value)
    {
        var trimmed = value?.Trim();
        return trimmed is not null
            && System.Net.Mail.MailAddress.TryCreate(trimmed, out var parsed)
            && parsed.Address == trimmed
            && trimmed.IndexOf('@', StringComparison.Ordinal) is > 0 and var at
            && trimmed[(at + 1)..].Contains('.', StringComparison.Ordinal);
    }
}

internal static class IdentityErrors
{
    /// <summary>Identity's own refusals (weak password, taken name) as messages on the right field.</summary>
    /// <remarks>Several reasons for one field are joined, so the person sees all of them at once.</remarks>
    public static Outcome ToOutcome(IdentityResult result, string passwordField)
    {
        if (result.Errors.Any(e => e.Code is "DuplicateEmail" or "DuplicateUserName"))
        {
            return Outcome.Fail("Email", AccountCreator.EmailTakenMessage);
        }

        return new(result.Errors
            .GroupBy(e => e.Code.StartsWith("Password", StringComparison.Ordinal) ? passwordField : string.Empty)
            .Select(g => new FieldError(g.Key, string.Join(" ", g.Select(e => e.Description))))
            .ToList());
    }
}
