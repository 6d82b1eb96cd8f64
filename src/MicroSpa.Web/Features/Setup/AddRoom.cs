using System.ComponentModel.DataAnnotations;
using FluentValidation;
using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Setup;

public static class AddRoom
{
    public sealed class Command
    {
        [Display(Name = "Room name")]
        public string Name { get; set; } = string.Empty;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.Name).NotEmpty().WithMessage("Enter the room's name.")
                .MaximumLength(FieldLengths.ShortName).WithMessage($"A room name can be at most {FieldLengths.ShortName} characters.");
    }

    public sealed class Handler(MicroSpaDbContext db)
    {
        public async Task<Outcome> HandleAsync(Command command, CancellationToken cancellationToken)
        {
            var name = command.Name.Trim();
            if (await db.Rooms.AnyAsync(r => r.Name.ToLower() == name.ToLower(), cancellationToken))
            {
                return Outcome.Fail(nameof(Command.Name), "There is already a room with this name.");
            }

            db.Rooms.Add(new Room(name));
            await db.SaveChangesAsync(cancellationToken);
            return Outcome.Success;
        }
    }
}
