import streamlit as st
st.title('bronnen')
st.info('Deze pagina wordt nog gebouwd.')
