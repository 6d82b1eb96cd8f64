using System.ComponentModel.DataAnnotations;
using FluentValidation;
using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Domain.Treatments;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.ClinicalSettings;

/// <summary>Adds a product (serum, numbing agent) that charts can record with its lot.</summary>
public static class AddProduct
{
    public sealed class Command
    {
        [Display(Name = "Product name")]
        public string Name { get; set; } = string.Empty;

        [Display(Name = "Purpose")]
        public string? Purpose { get; set; }

        public bool NotForNeedledSkin { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Name).NotEmpty().WithMessage("Enter the product's name.")
                .MaximumLength(FieldLengths.ShortName).WithMessage($"At most {FieldLengths.ShortName} characters.");
            RuleFor(c => c.Purpose).MaximumLength(FieldLengths.ShortName).WithMessage($"At most {FieldLengths.ShortName} characters.");
        }
    }

    public sealed class Handler(MicroSpaDbContext db)
    {
        public async Task<Outcome> HandleAsync(Command command, CancellationToken cancellationToken)
        {
            var name = command.Name.Trim();
            if (await db.Products.AnyAsync(p => p.Name.ToLower() == name.ToLower(), cancellationToken))
            {
                return Outcome.Fail(nameof(Command.Name), "There is already a product with this name.");
            }

            db.Products.Add(new Product(name, command.Purpose ?? string.Empty, command.NotForNeedledSkin));
            await db.SaveChangesAsync(cancellationToken);
            return Outcome.Success;
        }
    }
}
