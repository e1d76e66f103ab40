<?php
// Router for `php -S`: real files (images, wp-admin/*.php…) are served as they are, everything else goes to
// WordPress's front controller, as Apache's rewrite rules do. Pretty permalinks and /wp-json/ need this.
$root = $_SERVER['DOCUMENT_ROOT'];
$path = urldecode(parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH) ?? '/');

// A host that strips the Authorization header (some CGI/FastCGI set-ups do): the test switches it on with
// a flag file, so the detection runs against a real WordPress that never sees the credentials.
if (file_exists(__DIR__ . '/.strip-authorization') || file_exists($root . '/.strip-authorization')) {
    unset($_SERVER['HTTP_AUTHORIZATION'], $_SERVER['PHP_AUTH_USER'], $_SERVER['PHP_AUTH_PW'], $_SERVER['REDIRECT_HTTP_AUTHORIZATION']);
}

if ($path !== '/' && is_file($root . $path)) {
    return false;
}
if (is_dir($root . $path) && is_file(rtrim($root . $path, '/') . '/index.php')) {
    $_SERVER['SCRIPT_NAME'] = rtrim($path, '/') . '/index.php';
    $_SERVER['SCRIPT_FILENAME'] = rtrim($root . $path, '/') . '/index.php';
    chdir(dirname($_SERVER['SCRIPT_FILENAME']));
    require $_SERVER['SCRIPT_FILENAME'];
    return;
}
$_SERVER['SCRIPT_NAME'] = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = $root . '/index.php';
$_SERVER['PHP_SELF'] = '/index.php';
chdir($root);
require $root . '/index.php';
