using System.ComponentModel.DataAnnotations;
using FluentValidation;
using MicroSpa.Domain.Billing;
using MicroSpa.Web.Infrastructure.Validation;

namespace MicroSpa.Web.Features.Products;

/// <summary>The desk writes stock off (broken, expired, used as a tester), always saying why.</summary>
public static class WriteOffStock
{
    public sealed class Command
    {
        [Display(Name = "Quantity written off")]
        public int? Quantity { get; set; }

        [Display(Name = "Why (broken, expired, tester)")]
        public string? Reason { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Quantity).NotNull().WithMessage("Enter how many are written off.")
                .InclusiveBetween(1, StockEntry.MaxQuantity).WithMessage($"The quantity is 1 to {StockEntry.MaxQuantity}.");
            RuleFor(c => c.Reason).NotEmpty().WithMessage("Say why the stock is written off.")
                .MaximumLength(StockEntry.ReasonLength).WithMessage($"The reason has at most {StockEntry.ReasonLength} characters.");
        }
    }

    public sealed class Handler(StockChanges stock)
    {
        public Task<Outcome?> HandleAsync(Guid itemId, Command command, CancellationToken cancellationToken) =>
            stock.WriteAsync(
                itemId,
                (item, _, by, now) => StockEntry.WrittenOff(item, command.Quantity!.Value, by, command.Reason ?? string.Empty, now),
                field => field switch
                {
                    nameof(StockEntry.QuantityChange) => nameof(Command.Quantity),
                    nameof(StockEntry.Reason) => nameof(Command.Reason),
                    _ => string.Empty,
                },
                cancellationToken);
    }
}
