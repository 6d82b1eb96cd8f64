using FluentValidation;
using MicroSpa.Domain;

namespace MicroSpa.Web.Features.Shared;

/// <summary>A new client's names and ways to reach them, as the desk's new-client form and an import's rows give them.</summary>
public interface IClientDetails
{
    string FirstName { get; }

    string LastName { get; }

    string? Email { get; }

    string? Phone { get; }
}

/// <summary>
/// The rules a new client's details follow wherever they are typed or read from (the desk's form, a file to import):
/// both names, an email address or a phone number, lengths that fit the columns, a phone of digits and + ( ) - . only.
/// </summary>
public sealed class ClientDetailsRules : AbstractValidator<IClientDetails>
{
    public const string PhoneCharacters = "A phone number has only digits, spaces and + ( ) - .";

    public ClientDetailsRules()
    {
        RuleFor(c => c.FirstName).NotEmpty().WithMessage("Enter the first name.")
            .MaximumLength(FieldLengths.PersonName).WithMessage($"A first name can be at most {FieldLengths.PersonName} characters.");
        RuleFor(c => c.LastName).NotEmpty().WithMessage("Enter the last name.")
            .MaximumLength(FieldLengths.PersonName).WithMessage($"A last name can be at most {FieldLengths.PersonName} characters.");
        RuleFor(c => c.Email).MayBeAnEmailAddress();
        RuleFor(c => c.Email).NotEmpty().When(c => string.IsNullOrWhiteSpace(c.Phone))
            .WithMessage("Give an email address or a phone number.");
        RuleFor(c => c.Phone).MaximumLength(FieldLengths.Phone).WithMessage($"A phone number can be at most {FieldLengths.Phone} characters.")
            .Matches(@"^[0-9+()\-.\s]*$").WithMessage(PhoneCharacters);
    }
}
