using MicroSpa.Domain.Billing;
using MicroSpa.Web.Features.Reports;

namespace MicroSpa.Web.Tests.Reports;

/// <summary>The figure codes of the money report's query: every kind of invoice line has a figure, and an unknown code is named.</summary>
public sealed class MoneyFiguresTests
{
    public static TheoryData<LineKind> LineKinds() => [.. Enum.GetValues<LineKind>()];

    [Theory]
    [MemberData(nameof(LineKinds))]
    public void Every_kind_of_invoice_line_counts_in_a_figure_of_the_report(LineKind kind)
    {
        var figures = new MoneyFigures();

        figures.Add($"Line:{kind}", Guid.NewGuid(), 10m);

        (figures.Services + figures.Retail + figures.Fees + figures.Packages + figures.GiftCards + figures.Tips).ShouldBe(10m, $"a {kind} line is counted in one figure");
    }

    [Fact]
    public void A_figure_code_the_report_does_not_know_is_refused_by_name_rather_than_counted_somewhere()
    {
        var figures = new MoneyFigures();

        figures.Add("Payment:Cash", null, 5m);
        figures.Add("Refund:Cash", null, 2m);
        figures.CollectedBy("Cash").ShouldBe(3m);
        Should.Throw<InvalidOperationException>(() => figures.Add("Line:Voucher", null, 1m)).Message.ShouldContain("Line:Voucher");
        Should.Throw<InvalidOperationException>(() => figures.Add("Payment:Voucher", null, 1m)).Message.ShouldContain("Payment:Voucher");
    }
}
