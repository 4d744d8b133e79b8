import { createApp } from 'vue'
import { createRouter, createWebHistory } from 'vue-router'
import type { Router } from 'vue-router'
import { AuthPage, authPlugin, sessionGuard } from 'authfront/vue'
import 'authfront/styles.css'
import '../../common/example.css'
import { setUpExample } from '../../common/setup'
import AccountPage from './AccountPage.vue'
import App from './App.vue'
import HomePage from './HomePage.vue'
import NotFound from './NotFound.vue'
import { setupKey } from './setupKey'

const setup = await setUpExample()

// The auth screens navigate through the router, so following a link or a redirect never reloads the page.
const navigate = (path: string) => void router.push(path)
const router: Router = createRouter({
  history: createWebHistory(),
  routes: [
    // Every screen under /auth, with the methods of the tenant in `?tenantId=`.
    { path: '/auth/:rest(.*)*', component: AuthPage, props: { navigate, loginMethods: 'dynamic' } },
    // The guard decides before the page renders; <SessionAuth> in the page reacts to a sign-out later on.
    { path: '/', component: HomePage, beforeEnter: sessionGuard },
    { path: '/account', component: AccountPage, beforeEnter: sessionGuard },
    { path: '/:rest(.*)*', component: NotFound },
  ],
})

createApp(App).provide(setupKey, setup).use(authPlugin, { client: setup.auth }).use(router).mount('#app')
