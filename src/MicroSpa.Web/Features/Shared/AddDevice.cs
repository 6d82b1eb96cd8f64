using System.ComponentModel.DataAnnotations;
using FluentValidation;
using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Domain.Treatments;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Shared;

/// <summary>
/// Adds a microneedling pen to the clinic's devices: its class, maximum depth and depth step. One use case for both pages that
/// list the devices (the Admin's setup and the clinical settings), each answering at its own address.
/// </summary>
public static class AddDevice
{
    public sealed class Command
    {
        [Display(Name = "Name (e.g. SkinPen 2)")]
        public string Name { get; set; } = string.Empty;

        [Display(Name = "Model")]
        public string Model { get; set; } = string.Empty;

        public DeviceClass Class { get; set; } = DeviceClass.SkinPenClass;

        [Display(Name = "Maximum depth (mm)")]
        public decimal? MaxDepthMm { get; set; }

        [Display(Name = "Depth step (mm)")]
        public decimal? DepthStepMm { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Name).NotEmpty().WithMessage("Enter the device's name.")
                .MaximumLength(FieldLengths.ShortName).WithMessage($"A name can be at most {FieldLengths.ShortName} characters.");
            RuleFor(c => c.Model).NotEmpty().WithMessage("Enter the model.")
                .MaximumLength(FieldLengths.ShortName).WithMessage($"A model can be at most {FieldLengths.ShortName} characters.");
            RuleFor(c => c.Class).IsInEnum().WithMessage("Choose the device class.");
            RuleFor(c => c.MaxDepthMm).NotNull().WithMessage("Enter the maximum depth in mm.");
            RuleFor(c => c.DepthStepMm).NotNull().WithMessage("Enter the depth step in mm.");
        }
    }

    public sealed class Handler(MicroSpaDbContext db)
    {
        public async Task<Outcome> HandleAsync(Command command, CancellationToken cancellationToken)
        {
            var name = command.Name.Trim();
            if (await db.Devices.AnyAsync(d => d.Name.ToLower() == name.ToLower(), cancellationToken))
            {
                return Outcome.Fail(nameof(Command.Name), "There is already a device with this name.");
            }

            try
            {
                db.Devices.Add(new Device(name, command.Model, command.Class, command.MaxDepthMm!.Value, command.DepthStepMm!.Value));
            }
            catch (DomainException ex)
            {
                return Outcome.Fail(ex.Field ?? string.Empty, ex.Message);
            }

            await db.SaveChangesAsync(cancellationToken);
            return Outcome.Success;
        }
    }
}
