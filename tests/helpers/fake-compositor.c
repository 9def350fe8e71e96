/* fake-compositor.c: a Wayland display that offers only a seat and
 * ext-idle-notify-v1, for the break coach's presence test. Usage: fake-compositor
 * SOCKET (made in $XDG_RUNTIME_DIR). It prints "ready", then takes lines on standard
 * input: "away" sends idled to every idle notification, "back" sends resumed. */
#include "ext-idle-notify-v1-server-protocol.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wayland-server.h>

static struct wl_list notes; /* wl_resource links of the idle notifications */
static struct wl_display *display;

static void destroy_request(struct wl_client *c, struct wl_resource *r)
{
	wl_resource_destroy(r);
}

static void note_gone(struct wl_resource *r)
{
	wl_list_remove(wl_resource_get_link(r));
}

static const struct ext_idle_notification_v1_interface note_impl = { destroy_request };

static void get_note(struct wl_client *c, struct wl_resource *notifier, uint32_t id, uint32_t timeout,
		     struct wl_resource *seat)
{
	struct wl_resource *r = wl_resource_create(c, &ext_idle_notification_v1_interface, 1, id);
	wl_resource_set_implementation(r, &note_impl, NULL, note_gone);
	wl_list_insert(&notes, wl_resource_get_link(r));
	printf("idle notification %u ms\n", timeout);
	fflush(stdout);
}

static const struct ext_idle_notifier_v1_interface notifier_impl = { destroy_request, get_note };

static void bind_notifier(struct wl_client *c, void *data, uint32_t version, uint32_t id)
{
	struct wl_resource *r = wl_resource_create(c, &ext_idle_notifier_v1_interface, 1, id);
	wl_resource_set_implementation(r, &notifier_impl, NULL, NULL);
}

static void seat_get(struct wl_client *c, struct wl_resource *r, uint32_t id)
{
	wl_resource_post_error(r, 0, "this test seat has no devices");
}

static const struct wl_seat_interface seat_impl = { seat_get, seat_get, seat_get, destroy_request };

static void bind_seat(struct wl_client *c, void *data, uint32_t version, uint32_t id)
{
	struct wl_resource *r = wl_resource_create(c, &wl_seat_interface, 1, id);
	wl_resource_set_implementation(r, &seat_impl, NULL, NULL);
	wl_seat_send_capabilities(r, 0);
}

static int on_stdin(int fd, uint32_t mask, void *data)
{
	static char line[64];
	static size_t len;
	char ch;
	if (read(fd, &ch, 1) <= 0) {
		wl_display_terminate(display);
		return 0;
	}
	if (ch != '\n') {
		if (len + 1 < sizeof(line))
			line[len++] = ch;
		return 0;
	}
	line[len] = 0;
	len = 0;
	struct wl_resource *r;
	wl_resource_for_each(r, &notes) {
		if (!strcmp(line, "away"))
			ext_idle_notification_v1_send_idled(r);
		else if (!strcmp(line, "back"))
			ext_idle_notification_v1_send_resumed(r);
	}
	wl_display_flush_clients(display);
	printf("%s\n", line);
	fflush(stdout);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: fake-compositor SOCKET\n");
		return 2;
	}
	wl_list_init(&notes);
	display = wl_display_create();
	if (!display || wl_display_add_socket(display, argv[1])) {
		fprintf(stderr, "fake-compositor: cannot listen on %s (is XDG_RUNTIME_DIR set?)\n", argv[1]);
		return 1;
	}
	wl_global_create(display, &wl_seat_interface, 1, NULL, bind_seat);
	wl_global_create(display, &ext_idle_notifier_v1_interface, 1, NULL, bind_notifier);
	struct wl_event_source *in = wl_event_loop_add_fd(wl_display_get_event_loop(display), STDIN_FILENO,
							  WL_EVENT_READABLE, on_stdin, NULL);
	printf("ready\n");
	fflush(stdout);
	wl_display_run(display);
	/* the loop frees only the sources taken off it: stdin's first, or it leaks */
	wl_event_source_remove(in);
	wl_display_destroy(display);
	return 0;
}
