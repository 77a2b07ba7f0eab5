using System.Diagnostics;
using Clawker.Docker.Ssh;

namespace Clawker.Tests.Ssh;

/// <summary>
/// The one-signal end of an ssh connection, on real processes: a child that leads its own group
/// (started through setsid, as ssh is) is ended with the group; a child that leads none, and the
/// ids no group may be killed by (0, 1, negative), are refused so the caller kills the tree.
/// </summary>
public sealed class ProcessGroupTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_child_that_leads_its_own_group_is_ended_with_it()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() && File.Exists("/usr/bin/setsid"), "needs Linux and util-linux's setsid");
        using var child = Process.Start(new ProcessStartInfo("/usr/bin/setsid", ["sleep", "60"]))!;
        try
        {
            // setsid makes the group once it runs: wait for that, as a connection's use of ssh does.
            var until = DateTime.UtcNow + Bound;
            while (GroupOf(child.Id) != child.Id && DateTime.UtcNow < until)
            {
                await Task.Delay(10, TestContext.Current.CancellationToken);
            }

            GroupOf(child.Id).ShouldBe(child.Id, "the child leads its own group");
            ProcessGroup.TryKill(child.Id).ShouldBeTrue();
            child.WaitForExit(Bound).ShouldBeTrue("the group was killed");
        }
        finally
        {
            if (!child.HasExited)
            {
                child.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public void A_child_that_leads_no_group_is_refused_and_keeps_running()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "needs Linux");
        using var child = Process.Start(new ProcessStartInfo("sleep", ["60"]))!;
        try
        {
            ProcessGroup.TryKill(child.Id).ShouldBeFalse();
            child.HasExited.ShouldBeFalse();
        }
        finally
        {
            child.Kill();
            child.WaitForExit(Bound);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void Ids_that_name_no_single_group_are_refused(int leader) => ProcessGroup.TryKill(leader).ShouldBeFalse();

    // The fifth field of /proc/PID/stat (after the parenthesised command, which may hold spaces).
    private static int GroupOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[2], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return -1;
        }
    }
}
