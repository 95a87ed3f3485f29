export { adminRoutes, createAdminApi, type AdminApi, type AdminApiOptions } from './admin-api.js';
