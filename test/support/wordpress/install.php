<?php
// Installs a throwaway WordPress into an empty database, without a browser and without mail:
//   php install.php <site dir> <JSON options>
// Prints one JSON line: the admin's id and application password (and a contributor's, for permission tests).
// Runs with php-cli against the private copy of /usr/share/wordpress that wordpress.ts prepared.
[$script, $siteDir, $optionsJson] = $argv;
$options = json_decode($optionsJson, true, 16, JSON_THROW_ON_ERROR);

// The database first: WordPress expects it to exist.
$db = new mysqli('localhost', 'root', '', '', 0, $options['socket']);
$db->query('CREATE DATABASE IF NOT EXISTS `wordpress` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci');
$db->close();

$_SERVER['HTTP_HOST'] = parse_url($options['url'], PHP_URL_HOST) . ':' . parse_url($options['url'], PHP_URL_PORT);
$_SERVER['SERVER_NAME'] = parse_url($options['url'], PHP_URL_HOST);
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';
define('WP_INSTALLING', true);

// Pluggable: defined before WordPress defines it, so installing sends no mail.
function wp_new_blog_notification($blog_title, $blog_url, $user_id, $password) {}

require $siteDir . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';

$installed = wp_install('Baluchon test blog', $options['username'], 'admin@example.test', false, '', wp_slash($options['password']));
$adminId = (int) $installed['user_id'];

update_option('timezone_string', $options['timezone']);
update_option('blogdescription', 'A throwaway WordPress for integration tests');
global $wp_rewrite;
$wp_rewrite->set_permalink_structure($options['permalinks']);
$wp_rewrite->flush_rules(false);

$adminApp = WP_Application_Passwords::create_new_application_password($adminId, ['name' => 'Baluchon tests']);
if (is_wp_error($adminApp)) {
    fwrite(STDERR, $adminApp->get_error_message());
    exit(1);
}

// Someone who may write but not publish, for the permission error.
$contributorId = wp_insert_user([
    'user_login' => 'contributor',
    'user_pass' => wp_generate_password(24),
    'user_email' => 'contributor@example.test',
    'role' => 'contributor',
]);
$contributorApp = WP_Application_Passwords::create_new_application_password($contributorId, ['name' => 'Baluchon tests']);

echo json_encode([
    'adminId' => $adminId,
    'applicationPassword' => $adminApp[0],
    'contributorId' => $contributorId,
    'contributorApplicationPassword' => $contributorApp[0],
]), "\n";
