using System.Text;
using CsvHelper;
using MicroSpa.Web.Infrastructure.Csv;

namespace MicroSpa.Web.Tests.Infrastructure;

/// <summary>The one CSV writer: what a spreadsheet would run is defused, what a reader reads back is what was written.</summary>
public sealed class SafeCsvTests
{
    private static List<string[]> ReadBack(string text)
    {
        using var reader = CsvReader.FromText(text, new CsvReaderOptions { HasHeader = false });
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetString)]);
        }

        return rows;
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.test\",\"click\")")]
    [InlineData("+1+2")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1:A2)")]
    [InlineData("\t=1+1")]
    [InlineData("\r=1+1")]
    public void A_text_cell_starting_like_a_formula_gets_a_single_quote_in_front(string value)
    {
        var text = SafeCsv.ToText(["name"], [[value]]);

        ReadBack(text)[1].ShouldBe(["'" + value]);
        text.Split("\r\n")[1].ShouldStartWith("\"'", Case.Sensitive, "the cell is quoted with the apostrophe inside the quotes");
    }

    [Fact]
    public void Formula_characters_inside_a_cell_are_left_as_typed()
    {
        var text = SafeCsv.ToText(["a", "b"], [["Smith=Jones", "x@example.com"]]);

        text.ShouldBe("a,b\r\nSmith=Jones,x@example.com\r\n");
    }

    [Fact]
    public void Quotes_commas_and_line_breaks_inside_fields_survive_a_round_trip()
    {
        string[] awkward = ["She said \"hi\"", "Smith, Jr.", "line one\nline two", "crlf\r\ninside", "\"", ",", ""];

        var text = SafeCsv.ToText([.. awkward.Select((_, i) => $"c{i}")], [[.. awkward]]);

        var rows = ReadBack(text);
        rows.Count.ShouldBe(2);
        rows[1].ShouldBe(awkward);
        text.ShouldContain("\"She said \"\"hi\"\"\"");
    }

    [Fact]
    public void Ordinary_values_are_written_invariantly_and_read_back_unchanged()
    {
        var id = Guid.Parse("0b7c5f0e-8d3a-4a8e-9f1e-2d6c3b4a5e6f");
        var at = new DateTimeOffset(2026, 3, 8, 9, 30, 15, 250, TimeSpan.FromHours(-5));
        var previous = Thread.CurrentThread.CurrentCulture;
        Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        try
        {
            var text = SafeCsv.ToText(
                ["id", "at", "day", "depth", "count", "refund", "signed", "none", "name"],
                [[id, at, new DateOnly(2026, 3, 8), 1.25m, 3, -5.25m, true, null, "Ana María Ñúñez"]]);

            ReadBack(text)[1].ShouldBe([id.ToString(), "2026-03-08T14:30:15.250Z", "2026-03-08", "1.25", "3", "-5.25", "true", "", "Ana María Ñúñez"]);
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }
    }

    [Fact]
    public async Task Rows_written_to_a_stream_that_refuses_synchronous_writes_are_flushed_asynchronously()
    {
        await using var output = new AsyncOnlyStream();
        await using (var csv = SafeCsv.Create(output))
        {
            await csv.WriteRowAsync(["n", "text"], CancellationToken.None);
            for (var i = 0; i < 5000; i++)
            {
                await csv.WriteRowAsync([i, i == 2500 ? new string('x', 200_000) : "=cmd|' /C calc'!A0"], CancellationToken.None);
            }

            await csv.FlushAsync(CancellationToken.None);
        }

        var rows = ReadBack(Encoding.UTF8.GetString(output.Written.ToArray()));
        rows.Count.ShouldBe(5001);
        rows[1].ShouldBe(["0", "'=cmd|' /C calc'!A0"]);
        rows[2501][1].Length.ShouldBe(200_000);
    }
}
