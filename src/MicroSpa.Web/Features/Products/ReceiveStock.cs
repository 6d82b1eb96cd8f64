using System.ComponentModel.DataAnnotations;
using FluentValidation;
using MicroSpa.Domain.Billing;
using MicroSpa.Web.Infrastructure.Validation;

namespace MicroSpa.Web.Features.Products;

/// <summary>The desk receives a delivery: so many more on the shelf, with a note (the delivery's number).</summary>
public static class ReceiveStock
{
    public sealed class Command
    {
        [Display(Name = "Quantity received")]
        public int? Quantity { get; set; }

        [Display(Name = "Note (delivery, supplier)")]
        public string? Reason { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Quantity).NotNull().WithMessage("Enter how many came in.")
                .InclusiveBetween(1, StockEntry.MaxQuantity).WithMessage($"The quantity is 1 to {StockEntry.MaxQuantity}.");
            RuleFor(c => c.Reason).MaximumLength(StockEntry.ReasonLength).WithMessage($"The note has at most {StockEntry.ReasonLength} characters.");
        }
    }

    public sealed class Handler(StockChanges stock)
    {
        public Task<Outcome?> HandleAsync(Guid itemId, Command command, CancellationToken cancellationToken) =>
            stock.WriteAsync(
                itemId,
                (item, _, by, now) => StockEntry.Received(item, command.Quantity!.Value, by, command.Reason, now),
                field => field switch
                {
                    nameof(StockEntry.QuantityChange) => nameof(Command.Quantity),
                    nameof(StockEntry.Reason) => nameof(Command.Reason),
                    _ => string.Empty,
                },
                cancellationToken);
    }
}
