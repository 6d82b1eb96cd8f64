using System.ComponentModel.DataAnnotations;
using FluentValidation;
using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Domain.Treatments;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.ClinicalSettings;

/// <summary>The medical director adds a body area; it has no depth band, so it cannot be charted until one is set.</summary>
public static class AddArea
{
    public sealed class Command
    {
        [Display(Name = "Area name")]
        public string Name { get; set; } = string.Empty;

        public BodyRegion Region { get; set; } = BodyRegion.Face;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Name).NotEmpty().WithMessage("Enter the area's name.")
                .MaximumLength(FieldLengths.ShortName).WithMessage($"At most {FieldLengths.ShortName} characters.");
            RuleFor(c => c.Region).IsInEnum().WithMessage("Choose a region.");
        }
    }

    public sealed class Handler(MicroSpaDbContext db)
    {
        public async Task<Outcome> HandleAsync(Command command, CancellationToken cancellationToken)
        {
            var name = command.Name.Trim();
            if (await db.BodyAreas.AnyAsync(a => a.Name.ToLower() == name.ToLower(), cancellationToken))
            {
                return Outcome.Fail(nameof(Command.Name), "There is already an area with this name.");
            }

            var order = await db.BodyAreas.MaxAsync(a => (int?)a.SortOrder, cancellationToken) ?? 0;
            db.BodyAreas.Add(new BodyArea(name, command.Region, order + 1));
            await db.SaveChangesAsync(cancellationToken);
            return Outcome.Success;
        }
    }
}
