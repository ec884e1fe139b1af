package dev.stateless.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

/** Work run on a schedule by a Kubernetes CronJob, with the app's image and configuration. */
public class ScheduledJob {

  @Required
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
  @Size(min = 1, max = 40)
  @JsonPropertyDescription("Name of the job; the CronJob is named <app>-<name>. Lowercase letters, digits and '-'.")
  private String name;

  @Required
  @JsonPropertyDescription("Cron schedule in the five-field format, e.g. \"0 3 * * *\", or a macro such as @daily.")
  private String schedule;

  @Required
  @Size(min = 1)
  @JsonPropertyDescription("Command run in the app's image, e.g. [\"java\", \"-cp\", \"/app/app.jar\", \"shop.Cleanup\"].")
  private List<String> command = new ArrayList<>();

  public ScheduledJob() {}

  public ScheduledJob(String name, String schedule, List<String> command) {
    this.name = name;
    this.schedule = schedule;
    this.command = command;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getSchedule() {
    return schedule;
  }

  public void setSchedule(String schedule) {
    this.schedule = schedule;
  }

  public List<String> getCommand() {
    return command;
  }

  public void setCommand(List<String> command) {
    this.command = command;
  }
}
