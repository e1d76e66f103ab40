<?php
// Runs PHP code inside the test WordPress, as a plugin or an admin on the blog would act:
//   php eval.php <site dir> <site URL>   (code on stdin; whatever it echoes is the result)
// For what the REST API cannot do, or should not be used for in a test (the blog's side of the story).
$siteDir = $argv[1];
$url = $argv[2];
$_SERVER['HTTP_HOST'] = parse_url($url, PHP_URL_HOST) . ':' . parse_url($url, PHP_URL_PORT);
$_SERVER['SERVER_NAME'] = parse_url($url, PHP_URL_HOST);
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';
require $siteDir . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/admin.php';
wp_set_current_user(1);
eval(stream_get_contents(STDIN));
