using System.Reflection;
using Clawker.MSBuild.TaskHost;

namespace Clawker.MSBuild.Tests.TaskHost;

public class TaskHostProtocolTests
{
    [Theory]
    [InlineData("")]
    [InlineData("plain")]
    [InlineData("tab\there")]
    [InlineData("line\nbreak\r\nand CR\r")]
    [InlineData(@"back\slash \n literally \\ and \t")]
    [InlineData("\\")]
    [InlineData("ends with a backslash\\")]
    [InlineData("unicode: é 漢字 🙂 \u0000 NUL")]
    public void A_field_survives_the_line_whatever_it_holds(string value)
    {
        var line = TaskHostProtocol.Line("M", value, "after");

        line.IndexOf('\n').ShouldBe(line.Length - 1, "one record is one line");
        TaskHostProtocol.Fields(line[..^1]).ShouldBe(["M", value, "after"]);
    }

    [Fact]
    public void A_backslash_before_any_other_character_stands_for_itself()
    {
        TaskHostProtocol.Unescape(@"a\qb\").ShouldBe(@"a\qb\");
        TaskHostProtocol.Escape(null).ShouldBe(string.Empty);
    }

    [Fact]
    public void The_inputs_are_the_tasks_settable_strings_and_flags_and_the_outputs_its_output_strings()
    {
        var inputs = TaskHostProtocol.Inputs(typeof(ValidateClawkerCredentials)).Select(p => p.Name).ToList();
        inputs.ShouldContain(nameof(ValidateClawkerCredentials.DockerHost));
        inputs.ShouldContain(nameof(ValidateClawkerCredentials.EnsureGlobalsVolume));
        inputs.ShouldNotContain(nameof(ValidateClawkerCredentials.Source), "an output has no public setter");
        inputs.ShouldNotContain(nameof(ValidateClawkerCredentials.HostObject), "MSBuild's own, not a Clawker input");

        TaskHostProtocol.Outputs(typeof(EnsureClawkerGlobalsVolume)).Select(p => p.Name).Order(StringComparer.Ordinal)
            .ShouldBe([nameof(EnsureClawkerGlobalsVolume.Outcome), nameof(EnsureClawkerGlobalsVolume.VolumeName)]);
    }

    /// <summary>Every task that can ask for the host (it has <see cref="TaskHostProtocol.NotSent"/>): today the two of the dotnet run hook.</summary>
    public static TheoryData<Type> HostTasks()
    {
        var tasks = typeof(ClawkerTask).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(ClawkerTask)) && !t.IsAbstract && t.GetProperty(TaskHostProtocol.NotSent) is not null)
            .OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        tasks.ShouldBe([typeof(EnsureClawkerGlobalsVolume), typeof(ValidateClawkerCredentials)], "a task that asks for the host must be in clawker-taskhost's Program.cs too");
        return [.. tasks];
    }

    // The host forwards only strings and flags: an input or output of any other type added to a task it
    // runs would silently be left out there, and the task would run without it. This fails first.
    [Theory]
    [MemberData(nameof(HostTasks))]
    public void Every_input_and_output_of_a_task_the_host_runs_is_one_the_protocol_carries(Type task)
    {
        var settable = task.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.DeclaringType != typeof(Microsoft.Build.Utilities.Task) && p.GetSetMethod() is not null)
            .Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
        settable.ShouldNotBeEmpty();
        TaskHostProtocol.Inputs(task).Select(p => p.Name).Order(StringComparer.Ordinal).ShouldBe(settable);

        var outputs = task.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.IsDefined(typeof(Microsoft.Build.Framework.OutputAttribute)))
            .Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
        outputs.ShouldNotBeEmpty();
        TaskHostProtocol.Outputs(task).Select(p => p.Name).Order(StringComparer.Ordinal).ShouldBe(outputs);
    }
}
