using FluentValidation;
using MicroSpa.Domain;

namespace MicroSpa.Web.Features.Shared;

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
