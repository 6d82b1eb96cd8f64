using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace MicroSpa.Browser.Tests.Infrastructure;

internal static class Accessibility
{
    /// <summary>Runs axe-core on the page as it is now and fails on any serious or critical violation.</summary>
    public static async Task AssertNoSeriousViolationsAsync(this IPage page)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        serious.ShouldBeEmpty(
            $"axe-core on {page.Url}:\n" + string.Join("\n", serious.Select(v =>
                $"- {v.Id} ({v.Impact}): {v.Help} at {string.Join(" | ", v.Nodes.Select(n => n.Html))}")));
    }
}
